// ip·Solis runbook step editor. Progressive: without script the steps reorder with Up/Down buttons that post, and
// every parameter is a plain field. With it, a step's handle reorders by drag and drop or by keyboard (Alt+Arrow
// moves at once; Space picks up, arrows move, Space drops, Escape puts back), an aria-live region says what
// happened, and the new order is written into the hidden field of the "Save order" form, which posts it.
// The server checks the order (every step once, the runbook unchanged since the page loaded) either way.
(function () {
  'use strict';

  function Steps(list) {
    this.list = list;
    this.form = document.querySelector('[data-runbook-order]');
    this.field = this.form ? this.form.querySelector('[data-order-field]') : null;
    this.announcer = document.querySelector('[data-runbook-announce]');
    this.original = this.names();
    this.grabbed = null;
    this.grabbedFrom = -1;
    this.dragged = null;
  }

  Steps.prototype.items = function () {
    return Array.prototype.slice.call(this.list.querySelectorAll(':scope > li[data-step-name]'));
  };

  Steps.prototype.names = function () {
    return this.items().map(function (item) { return item.getAttribute('data-step-name'); });
  };

  Steps.prototype.announce = function (text) {
    if (!this.announcer) return;
    // Clearing first makes a screen reader read a repeated message again.
    this.announcer.textContent = '';
    var announcer = this.announcer;
    window.setTimeout(function () { announcer.textContent = text; }, 30);
  };

  // Renumbers the cards, writes the order into the form and shows the form only while the order differs.
  Steps.prototype.changed = function () {
    var names = this.names();
    this.items().forEach(function (item, index) {
      var position = item.querySelector('[data-step-position]');
      if (position) position.textContent = String(index + 1);
    });
    if (this.field) this.field.value = names.join(',');
    if (this.form) this.form.hidden = names.join(',') === this.original.join(',');
  };

  Steps.prototype.where = function (item) {
    var items = this.items();
    return 'position ' + (items.indexOf(item) + 1) + ' of ' + items.length;
  };

  // Moves item by delta places (clamped); keeps the keyboard on its handle.
  Steps.prototype.move = function (item, delta) {
    var items = this.items();
    var from = items.indexOf(item);
    var to = Math.max(0, Math.min(items.length - 1, from + delta));
    if (to === from) {
      this.announce('Step ' + item.getAttribute('data-step-name') + ' is already ' + (delta < 0 ? 'first' : 'last') + '.');
      return;
    }
    var handle = item.querySelector('[data-step-handle]');
    // Moving the card takes the focus out of the document for a moment; that blur is not the person leaving.
    this.moving = true;
    if (to < from) this.list.insertBefore(item, items[to]);
    else this.list.insertBefore(item, items[to].nextSibling);
    if (handle) handle.focus();
    this.moving = false;
    this.changed();
  };

  Steps.prototype.pickUp = function (item) {
    this.grabbed = item;
    this.grabbedFrom = this.items().indexOf(item);
    item.classList.add('is-grabbed');
    item.querySelector('[data-step-handle]').setAttribute('aria-pressed', 'true');
    this.announce('Picked up step ' + item.getAttribute('data-step-name') + ' at ' + this.where(item) +
      '. Arrow keys move it, Space drops it, Escape puts it back.');
  };

  Steps.prototype.drop = function (cancel) {
    var item = this.grabbed;
    if (!item) return;
    if (cancel) {
      var items = this.items();
      var from = items.indexOf(item);
      if (from !== this.grabbedFrom) this.move(item, this.grabbedFrom - from);
    }
    this.grabbed = null;
    item.classList.remove('is-grabbed');
    item.querySelector('[data-step-handle]').setAttribute('aria-pressed', 'false');
    this.changed();
    this.announce((cancel ? 'Put back step ' : 'Dropped step ') + item.getAttribute('data-step-name') + ' at ' + this.where(item) +
      (this.form && !this.form.hidden ? '. Save order to keep the new order.' : '.'));
  };

  Steps.prototype.onKey = function (event, item) {
    var up = event.key === 'ArrowUp';
    var down = event.key === 'ArrowDown';
    if ((up || down) && (event.altKey || this.grabbed === item)) {
      event.preventDefault();
      this.move(item, up ? -1 : 1);
      this.announce('Moved step ' + item.getAttribute('data-step-name') + ' to ' + this.where(item) + '.');
    } else if (event.key === 'Escape' && this.grabbed === item) {
      event.preventDefault();
      this.drop(true);
    } else if (event.key === ' ' || event.key === 'Enter') {
      // Handled here rather than on click so the browser's own button activation does not toggle twice.
      event.preventDefault();
      if (this.grabbed === item) this.drop(false);
      else {
        if (this.grabbed) this.drop(false);
        this.pickUp(item);
      }
    }
  };

  Steps.prototype.start = function () {
    var self = this;
    this.items().forEach(function (item) {
      var handle = item.querySelector('[data-step-handle]');
      if (!handle) return;
      handle.hidden = false;
      handle.setAttribute('aria-pressed', 'false');
      handle.addEventListener('keydown', function (event) { self.onKey(event, item); });
      handle.addEventListener('blur', function () { if (self.grabbed === item && !self.moving) self.drop(false); });
      // Drag by the handle only: the rest of the card stays selectable text and working buttons.
      handle.addEventListener('pointerdown', function () { item.draggable = true; });
      item.addEventListener('dragstart', function (event) {
        self.dragged = item;
        item.classList.add('is-dragging');
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', item.getAttribute('data-step-name'));
      });
      item.addEventListener('dragend', function () {
        item.classList.remove('is-dragging');
        item.draggable = false;
        if (self.dragged) {
          self.dragged = null;
          self.changed();
        }
      });
      item.addEventListener('dragover', function (event) {
        if (!self.dragged) return;
        // Accepting the drop over the dragged card too: it has just moved under the pointer.
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        if (self.dragged === item) return;
        var box = item.getBoundingClientRect();
        var after = event.clientY > box.top + box.height / 2;
        self.list.insertBefore(self.dragged, after ? item.nextSibling : item);
      });
      item.addEventListener('drop', function (event) {
        if (!self.dragged) return;
        event.preventDefault();
        var moved = self.dragged;
        self.dragged = null;
        moved.classList.remove('is-dragging');
        self.changed();
        self.announce('Moved step ' + moved.getAttribute('data-step-name') + ' to ' + self.where(moved) + '.');
      });
    });
    var reset = this.form ? this.form.querySelector('[data-order-reset]') : null;
    if (reset) {
      reset.addEventListener('click', function () {
        var byName = {};
        self.items().forEach(function (item) { byName[item.getAttribute('data-step-name')] = item; });
        self.original.forEach(function (name) { self.list.appendChild(byName[name]); });
        self.changed();
        self.announce('The steps are back in their saved order.');
      });
    }
  };

  // A parameter's binding decides what its field expects: suggestions only where a variable is chosen.
  function startBinding(select) {
    var wrapper = select.closest('[data-step-parameter]');
    var value = wrapper ? wrapper.querySelector('[data-binding-value]') : null;
    if (!value) return;
    var hints = {
      literal: 'Text used exactly as typed',
      variable: 'Choose {{…}} from the suggestions',
      template: 'Text with {{…}} placeholders'
    };
    function apply() {
      value.placeholder = hints[select.value] || '';
      if (value.tagName === 'INPUT') {
        if (select.value === 'literal') value.removeAttribute('list');
        else value.setAttribute('list', 'step-suggestions');
      }
    }
    select.addEventListener('change', apply);
    apply();
  }

  function init() {
    document.querySelectorAll('[data-runbook-steps]').forEach(function (list) { new Steps(list).start(); });
    document.querySelectorAll('[data-step-editor] [data-binding]').forEach(startBinding);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
}());
