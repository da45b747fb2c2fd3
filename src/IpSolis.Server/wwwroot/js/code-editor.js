// ip·Solis code editor: a <textarea data-code-editor> gets a line-number gutter that follows typing and scrolling,
// and Tab indents (four spaces) instead of leaving the field; Shift+Tab takes indentation away. Escape, then Tab,
// leaves the field as usual, so the keyboard is never trapped. Without script it stays a plain textarea.
(function () {
  'use strict';

  var INDENT = '    ';

  function start(textarea) {
    var frame = document.createElement('div');
    frame.className = 'code-editor';
    var gutter = document.createElement('pre');
    gutter.className = 'code-gutter';
    gutter.setAttribute('aria-hidden', 'true');
    gutter.setAttribute('data-code-gutter', '');
    textarea.parentNode.insertBefore(frame, textarea);
    frame.appendChild(gutter);
    frame.appendChild(textarea);
    // Lines never wrap, so line n of the text is line n of the gutter.
    textarea.setAttribute('wrap', 'off');
    var shown = 0;
    var leaving = false;

    function number() {
      var lines = textarea.value.split('\n').length;
      if (lines !== shown) {
        var text = [];
        for (var i = 1; i <= lines; i++) text.push(String(i));
        gutter.textContent = text.join('\n') + '\n';
        shown = lines;
      }
      gutter.scrollTop = textarea.scrollTop;
    }

    function lineStart(position) {
      return textarea.value.lastIndexOf('\n', position - 1) + 1;
    }

    function outdent() {
      var start = lineStart(textarea.selectionStart);
      var end = textarea.selectionEnd;
      var block = textarea.value.slice(start, end);
      var lines = block.split('\n');
      var removed = 0;
      var changed = lines.map(function (line) {
        var spaces = /^ {1,4}/.exec(line);
        var cut = spaces ? spaces[0].length : 0;
        removed += cut;
        return line.slice(cut);
      }).join('\n');
      if (removed === 0) return;
      textarea.setRangeText(changed, start, Math.max(end, start + block.length), 'select');
    }

    textarea.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') {
        leaving = true;
        return;
      }
      if (event.key !== 'Tab' || event.ctrlKey || event.altKey || event.metaKey || leaving) {
        leaving = false;
        return;
      }
      event.preventDefault();
      if (event.shiftKey) outdent();
      else textarea.setRangeText(INDENT, textarea.selectionStart, textarea.selectionEnd, 'end');
      number();
    });
    textarea.addEventListener('input', number);
    textarea.addEventListener('scroll', function () { gutter.scrollTop = textarea.scrollTop; });
    textarea.addEventListener('blur', function () { leaving = false; });
    number();
  }

  function init() { document.querySelectorAll('textarea[data-code-editor]').forEach(start); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
}());
