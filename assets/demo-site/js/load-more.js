// "Load more": appends the next 10 items (~150 ms) until 50, then removes the button.
(function () {
  var list = document.getElementById('items');
  var button = document.getElementById('load-more');
  var page = 1;
  button.addEventListener('click', function () {
    if (button.disabled) return;
    button.disabled = true;
    button.textContent = 'Loading…';
    fetch('/api/items?page=' + (page + 1) + (list.hasAttribute('data-api-delay') ? '&delay=' + list.getAttribute('data-api-delay') : ''))
      .then(function (r) { return r.json(); })
      .then(function (data) {
        page = data.page;
        list.insertAdjacentHTML('beforeend', data.html);
        list.setAttribute('data-loaded', String(list.children.length));
        if (data.page >= data.pages) button.remove();
        else {
          button.disabled = false;
          button.textContent = 'Load more';
        }
      });
  });
})();
