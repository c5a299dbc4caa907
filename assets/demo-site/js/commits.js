// Like GitHub's commits page: the Next/Previous links are real links, but clicks are handled
// client-side (fetch + swap + history.pushState) so the page is never reloaded.
(function () {
  var list = document.getElementById('commit-list');
  var pageLabel = document.getElementById('commits-page');
  var busy = false;
  function load(page) {
    if (busy) return;
    busy = true;
    var delay = list.getAttribute('data-api-delay');
    fetch('/api/commits?page=' + page + (delay === null ? '' : '&delay=' + delay))
      .then(function (r) { return r.json(); })
      .then(function (data) {
        list.innerHTML = data.html;
        list.setAttribute('data-page', String(data.page));
        pageLabel.textContent = String(data.page);
        document.getElementById('commits-pagination').outerHTML = data.pagination;
        history.pushState({ page: data.page }, '', '/commits?page=' + data.page);
      })
      .finally(function () { busy = false; });
  }
  document.addEventListener('click', function (e) {
    var a = e.target instanceof Element ? e.target.closest('a[data-testid^="pagination-"]') : null;
    if (!a) return;
    e.preventDefault();
    var page = Number(new URL(a.href).searchParams.get('page')) || 1;
    load(page);
  });
  window.addEventListener('popstate', function () {
    load(Number(new URL(location.href).searchParams.get('page')) || 1);
  });
})();
