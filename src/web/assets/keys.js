// Keyboard shortcuts for readers, as on the news sites people already know:
//   j / k   next / previous story (or result) on a list page; Enter opens it
//   /       the search box (or the search page where the page has none)
//   Esc     leaves the search box, so j and k move again
// The current story's headline link takes the focus, so Enter and screen readers work as
// they do for any link. Nothing here is needed to read the site: every page works without
// it, and no key is taken while the reader types in a field or holds a modifier.
(function () {
  'use strict';
  // Story cards (home, sections, /latest) and search results, in reading order.
  var ITEMS = '.cards > .card, .search-results > .search-result';
  var LINK = '.card-title a';
  var CURRENT = 'is-current';

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll(ITEMS));
  }

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName;
    return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
  }

  /** The item holding the focus, else the one marked current, else none (-1). */
  function currentIndex(list) {
    var active = document.activeElement;
    for (var i = 0; i < list.length; i++) {
      if (list[i].contains(active)) return i;
    }
    for (var j = 0; j < list.length; j++) {
      if (list[j].classList.contains(CURRENT)) return j;
    }
    return -1;
  }

  function move(step) {
    var list = items();
    if (list.length === 0) return false;
    var from = currentIndex(list);
    var to = from === -1 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, from + step));
    list.forEach(function (item) {
      item.classList.remove(CURRENT);
    });
    var item = list[to];
    var link = item.querySelector(LINK);
    item.classList.add(CURRENT);
    if (link) link.focus({ preventScroll: true });
    // 'nearest' keeps the page still while the story is already in view; CSS keeps it clear
    // of the sticky header (scroll-margin).
    item.scrollIntoView({ block: 'nearest' });
    return true;
  }

  function focusSearch() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll('input[type="search"][name="q"]'));
    var box = boxes.filter(function (b) {
      return b.offsetParent !== null;
    })[0];
    if (box) {
      box.focus();
      box.select();
    } else {
      window.location.href = '/search';
    }
  }

  // The search page opened empty (by the header's link, or by "/" on a page without a box)
  // is there to type in.
  if (window.location.pathname === '/search' && window.location.search === '') {
    var empty = document.getElementById('search-q');
    if (empty && empty.value === '') empty.focus();
  }

  document.addEventListener('keydown', function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) {
      if (event.key === 'Escape' && event.target.type === 'search') event.target.blur();
      return;
    }
    var handled = false;
    if (event.key === 'j') handled = move(1);
    else if (event.key === 'k') handled = move(-1);
    else if (event.key === '/') {
      focusSearch();
      handled = true;
    }
    if (handled) event.preventDefault();
  });
})();
