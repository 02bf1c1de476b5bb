// The board's behaviour: the filters (group, bloc, tracking officer, search) and the dialog
// each agency's tile opens. The filters are kept in the page's address (?nhom=…&khoi=…&cv=…&q=…),
// so a reload — the lobby screen's refresh — keeps them and a link can open a filtered board;
// #cq-N in the address opens that agency. This script only reads the page's own elements and
// sets text, attributes and the hidden flag: it never builds HTML from data.
(function () {
  'use strict';
  var doc = document;
  doc.body.classList.add('js');
  var each = function (selector, f) { Array.prototype.forEach.call(doc.querySelectorAll(selector), f); };
  var tiles = Array.prototype.slice.call(doc.querySelectorAll('.tile'));
  var controls = {
    nhom: doc.getElementById('f-group'),
    khoi: doc.getElementById('f-bloc'),
    cv: doc.getElementById('f-officer'),
    q: doc.getElementById('f-q')
  };
  var form = doc.querySelector('.filters');
  var shownCount = doc.getElementById('f-count');

  // Case and diacritics do not matter in the search: "so tai chinh" finds "Sở Tài chính".
  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  }
  // 1234 → "1.234", as every number on the board.
  function vnCount(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  }

  var bars = {};
  each('.bars li', function (li) { bars[li.getAttribute('data-agency')] = li; });
  var officersOf = {};
  var textOf = {};
  tiles.forEach(function (tile) {
    var id = tile.getAttribute('data-agency');
    var list = [];
    try { list = JSON.parse(tile.getAttribute('data-officers') || '[]'); } catch (e) { list = []; }
    officersOf[id] = list;
    var dialog = doc.getElementById(id);
    textOf[id] = fold([tile.textContent, tile.getAttribute('data-group'), tile.getAttribute('data-bloc'),
      dialog ? dialog.textContent : ''].join(' '));
  });

  function value(name) {
    var c = controls[name];
    return c ? c.value : '';
  }

  function apply() {
    var group = value('nhom');
    var bloc = value('khoi');
    var officer = value('cv');
    var words = fold(value('q')).split(/\s+/).filter(Boolean);
    var shown = 0;
    tiles.forEach(function (tile) {
      var id = tile.getAttribute('data-agency');
      var ok = (!group || tile.getAttribute('data-group') === group) &&
        (!bloc || tile.getAttribute('data-bloc') === bloc) &&
        (!officer || officersOf[id].indexOf(officer) >= 0) &&
        words.every(function (w) { return textOf[id].indexOf(w) >= 0; });
      tile.hidden = !ok;
      if (bars[id]) { bars[id].hidden = !ok; }
      if (ok) { shown += 1; }
    });
    // With an officer chosen, an agency's lists show that officer's tasks only.
    each('tr[data-officer]', function (row) {
      row.hidden = officer !== '' && row.getAttribute('data-officer') !== officer;
    });
    if (shownCount) {
      shownCount.textContent = 'Đang hiện ' + vnCount(shown) + '/' + vnCount(tiles.length) + ' cơ quan';
    }
  }

  function save() {
    var params = new URLSearchParams();
    Object.keys(controls).forEach(function (name) {
      if (value(name)) { params.set(name, value(name)); }
    });
    var query = params.toString();
    try {
      history.replaceState(null, '', location.pathname + (query ? '?' + query : '') + location.hash);
    } catch (e) {
      // Some browsers refuse to change a local file's address: the filters still work.
    }
  }

  function restore() {
    var params = new URLSearchParams(location.search);
    Object.keys(controls).forEach(function (name) {
      var c = controls[name];
      if (!c || !params.has(name)) { return; }
      c.value = params.get(name);
      // A value the list does not offer (an old link) falls back to "all".
      if (c.tagName === 'SELECT' && c.selectedIndex < 0) { c.selectedIndex = 0; }
    });
  }

  function open(id) {
    var dialog = id ? doc.getElementById(id) : null;
    if (dialog && dialog.tagName === 'DIALOG' && !dialog.open) { dialog.showModal(); }
  }

  function openFromAddress() {
    var id = '';
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { id = ''; }
    open(id);
  }

  tiles.forEach(function (tile) {
    tile.addEventListener('click', function (event) {
      event.preventDefault();
      open(tile.getAttribute('data-agency'));
    });
  });
  each('dialog.detail', function (dialog) {
    // A click on the shade around the dialog closes it.
    dialog.addEventListener('click', function (event) {
      if (event.target === dialog) { dialog.close(); }
    });
    dialog.addEventListener('close', function () {
      if (location.hash === '#' + dialog.id) {
        try { history.replaceState(null, '', location.pathname + location.search); } catch (e) { /* kept */ }
      }
    });
  });
  Object.keys(controls).forEach(function (name) {
    var c = controls[name];
    if (c) { c.addEventListener(c.tagName === 'SELECT' ? 'change' : 'input', function () { apply(); save(); }); }
  });
  if (form) {
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    form.addEventListener('reset', function () { setTimeout(function () { apply(); save(); }, 0); });
  }
  window.addEventListener('hashchange', openFromAddress);

  restore();
  apply();
  openFromAddress();
}());
