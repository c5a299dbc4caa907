// Infinite scroll: when the bottom comes within 400 px of the viewport, fetch and append 20 more
// items (up to 100). Reacts to scroll events and to an IntersectionObserver on the sentinel.
(function () {
  var feed = document.getElementById('feed');
  var status = document.getElementById('feed-status');
  var sentinel = document.getElementById('sentinel');
  var loading = false;
  var done = false;
  function nearBottom() {
    return window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 400;
  }
  function more() {
    if (loading || done) return;
    loading = true;
    status.textContent = 'Loading…';
    fetch('/api/feed?offset=' + feed.children.length + '&count=20' + (feed.hasAttribute('data-api-delay') ? '&delay=' + feed.getAttribute('data-api-delay') : ''))
      .then(function (r) { return r.json(); })
      .then(function (data) {
        feed.insertAdjacentHTML('beforeend', data.html);
        feed.setAttribute('data-loaded', String(feed.children.length));
        done = data.done;
        status.textContent = done ? 'You reached the end.' : 'Scroll for more…';
        if (done) status.id = 'end-of-feed';
      })
      .finally(function () {
        loading = false;
        if (!done && nearBottom()) more();
      });
  }
  window.addEventListener('scroll', function () { if (nearBottom()) more(); }, { passive: true });
  if ('IntersectionObserver' in window) {
    new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) more();
    }, { rootMargin: '400px' }).observe(sentinel);
  }
})();
