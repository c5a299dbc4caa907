// <demo-widget>: a custom element with an OPEN shadow root holding its own list and a button.
customElements.define('demo-widget', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    var root = this.attachShadow({ mode: 'open' });
    root.innerHTML =
      '<style>.shadow-item{padding:4px 8px;border:1px solid #d0d7de;margin:4px 0;list-style:none}' +
      '.price{color:#1a7f37}</style>' +
      '<h2 class="shadow-title" part="title">Inside the shadow root</h2>' +
      '<ul class="shadow-list">' +
      ['Alpha', 'Beta', 'Gamma'].map(function (n, i) {
        return '<li class="shadow-item" data-id="' + (i + 1) + '"><span class="title">Shadow ' + n +
          '</span> <span class="price">$' + (10 * (i + 1)) + '.00</span></li>';
      }).join('') +
      '</ul><button class="shadow-button" type="button">Clicked 0 times</button>' +
      '<footer><slot name="footer"></slot></footer>';
    var n = 0;
    var b = root.querySelector('.shadow-button');
    b.addEventListener('click', function () { n++; b.textContent = 'Clicked ' + n + ' times'; });
  }
});
