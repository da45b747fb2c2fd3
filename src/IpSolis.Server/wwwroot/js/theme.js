// Loaded blocking in <head> so the chosen theme is on <html> before the first paint (no flash).
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.add('js');
  try {
    var theme = window.localStorage.getItem('ipsolis-theme');
    if (theme === 'light' || theme === 'dark') {
      root.setAttribute('data-theme', theme);
    }
  } catch (e) {
    // Storage can be blocked (privacy settings): the page simply follows the system preference.
  }
})();
