// Client-side pagination for /list and /members: "Next" fetches the next page from the list's
// data-api URL (the server answers after ~150 ms, or data-api-delay ms when the page was opened
// with ?delay=) and swaps the <li>s in place, no reload.
(function () {
  document.querySelectorAll('button[data-pager-for]').forEach(function (button) {
    var list = document.getElementById(button.getAttribute('data-pager-for'));
    var indicator = document.getElementById('page-indicator');
    if (!list) return;
    button.addEventListener('click', function () {
      var page = Number(list.getAttribute('data-page')) || 1;
      var pages = Number(list.getAttribute('data-pages')) || 1;
      if (page >= pages || list.getAttribute('aria-busy') === 'true') return;
      list.setAttribute('aria-busy', 'true');
      button.disabled = true;
      var delay = list.getAttribute('data-api-delay');
      var url = list.getAttribute('data-api') + '?page=' + (page + 1) + (delay === null ? '' : '&delay=' + delay);
      fetch(url, { credentials: 'same-origin' })
        .then(function (r) {
          if (!r.ok) throw new Error('HTTP ' + r.status);
          return r.json();
        })
        .then(function (data) {
          list.innerHTML = data.html;
          list.setAttribute('data-page', String(data.page));
          if (indicator) indicator.textContent = 'Page ' + data.page + ' of ' + data.pages;
          button.disabled = data.page >= data.pages;
        })
        .catch(function (e) {
          button.disabled = false;
          if (indicator) indicator.textContent = 'Could not load page ' + (page + 1) + ': ' + e.message;
        })
        .finally(function () {
          list.setAttribute('aria-busy', 'false');
        });
    });
  });
})();
