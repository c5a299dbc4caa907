// Inserts #late after data-delay ms; shows #later-visible (present but display:none) 1 s later.
(function () {
  var box = document.getElementById('late-container');
  var ms = Number(box.getAttribute('data-delay')) || 0;
  setTimeout(function () {
    var p = document.createElement('p');
    p.id = 'late';
    p.className = 'late';
    p.textContent = 'Late content, inserted after ' + ms + ' ms.';
    box.appendChild(p);
    document.getElementById('status').textContent = 'Loaded';
  }, ms);
  setTimeout(function () {
    document.getElementById('later-visible').style.display = 'block';
  }, ms + 1000);
})();
