// ip·Solis page behaviour: theme toggle, confirmations, and regions that refresh from server-rendered fragments.
// Pages work without it; it only adds. No framework, no inline handlers (the content security policy forbids them).
(function () {
  'use strict';

  var themeKey = 'ipsolis-theme';
  var root = document.documentElement;
  var darkQuery = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

  function effectiveTheme() {
    var pinned = root.getAttribute('data-theme');
    if (pinned === 'light' || pinned === 'dark') {
      return pinned;
    }
    return darkQuery && darkQuery.matches ? 'dark' : 'light';
  }

  function showTheme() {
    var dark = effectiveTheme() === 'dark';
    document.querySelectorAll('[data-theme-toggle]').forEach(function (button) {
      button.setAttribute('aria-pressed', dark ? 'true' : 'false');
    });
  }

  function toggleTheme() {
    var next = effectiveTheme() === 'dark' ? 'light' : 'dark';
    root.setAttribute('data-theme', next);
    try {
      window.localStorage.setItem(themeKey, next);
    } catch (e) {
      // Not persisted when storage is blocked; the choice still holds for this page.
    }
    showTheme();
  }

  document.addEventListener('click', function (event) {
    var toggle = event.target.closest('[data-theme-toggle]');
    if (toggle) {
      toggleTheme();
      return;
    }
    var confirmer = event.target.closest('button[data-confirm], a[data-confirm], input[type="submit"][data-confirm]');
    if (confirmer && !window.confirm(confirmer.getAttribute('data-confirm'))) {
      event.preventDefault();
    }
  });

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.hasAttribute('data-confirm') && !window.confirm(form.getAttribute('data-confirm'))) {
      event.preventDefault();
    }
  });

  if (darkQuery && darkQuery.addEventListener) {
    darkQuery.addEventListener('change', showTheme);
  }

  function two(n) {
    return n < 10 ? '0' + n : String(n);
  }

  function clock(date) {
    return two(date.getHours()) + ':' + two(date.getMinutes()) + ':' + two(date.getSeconds());
  }

  // A region: <div id="x" data-refresh-url="/ui/fragments/..." data-refresh-seconds="15">; an optional
  // <span data-refresh-status="x"> shows when it was last updated.
  function startRegion(region) {
    var url = region.getAttribute('data-refresh-url');
    var seconds = parseInt(region.getAttribute('data-refresh-seconds'), 10);
    if (!url || !(seconds >= 5)) {
      return;
    }
    var status = region.id ? document.querySelector('[data-refresh-status="' + region.id + '"]') : null;
    var timer = null;
    var due = false;
    var loading = false;

    function say(text, stale) {
      if (status) {
        status.textContent = text;
        status.classList.toggle('is-stale', !!stale);
      }
    }

    function schedule() {
      window.clearTimeout(timer);
      due = false;
      timer = window.setTimeout(function () {
        due = true;
        if (!document.hidden) {
          refresh();
        }
      }, seconds * 1000);
    }

    function replace(html) {
      var active = document.activeElement;
      var hadFocus = active && active !== region && region.contains(active);
      var focusId = hadFocus ? active.id : '';
      region.innerHTML = html;
      if (hadFocus) {
        // Keep the keyboard where it was: the same element if it still exists, otherwise the region itself.
        var again = focusId ? document.getElementById(focusId) : null;
        if (again && region.contains(again)) {
          again.focus();
        } else {
          region.setAttribute('tabindex', '-1');
          region.focus();
        }
      }
    }

    function refresh() {
      if (loading) {
        return;
      }
      loading = true;
      region.setAttribute('aria-busy', 'true');
      window.fetch(url, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin', cache: 'no-store' })
        .then(function (response) {
          if (!response.ok) {
            throw new Error('HTTP ' + response.status);
          }
          return response.text();
        })
        .then(function (html) {
          replace(html);
          say((status && status.getAttribute('data-refresh-updated')) + ' ' + clock(new Date()), false);
        })
        .catch(function () {
          say((status && status.getAttribute('data-refresh-failed')) + ' ' + clock(new Date()), true);
        })
        .then(function () {
          loading = false;
          region.removeAttribute('aria-busy');
          schedule();
        });
    }

    document.addEventListener('visibilitychange', function () {
      if (!document.hidden && due) {
        refresh();
      }
    });
    region.ipsolisRefresh = refresh;
    schedule();
  }

  // Order forms (<form data-conditional-fields>): an attribute wrapper with data-visible-when-field shows only while
  // the attribute it names has data-visible-when-value, and while that attribute is shown itself. Without script
  // every attribute is shown; the server decides which values count either way.
  function flagOf(text) {
    var word = String(text || '').trim().toLowerCase();
    if (word === 'true' || word === 'on' || word === 'yes' || word === '1') {
      return 'true';
    }
    if (word === 'false' || word === 'off' || word === 'no' || word === '0') {
      return 'false';
    }
    return null;
  }

  function valuesOf(wrapper) {
    var values = [];
    wrapper.querySelectorAll('input, select, textarea').forEach(function (input) {
      if (input.type === 'checkbox' || input.type === 'radio') {
        if (input.checked) {
          values.push(input.value);
        }
      } else if (input.tagName === 'SELECT') {
        Array.prototype.forEach.call(input.selectedOptions, function (option) {
          values.push(option.value);
        });
      } else {
        values.push(input.value);
      }
    });
    if (wrapper.hasAttribute('data-flag') && values.length === 0) {
      values.push('false');
    }
    return values;
  }

  function applyConditions(form) {
    var wrappers = form.querySelectorAll('[data-attribute]');
    var byKey = {};
    wrappers.forEach(function (wrapper) {
      byKey[wrapper.getAttribute('data-attribute')] = wrapper;
    });

    function shown(wrapper, depth) {
      var field = wrapper.getAttribute('data-visible-when-field');
      if (!field) {
        return true;
      }
      var controller = byKey[field];
      if (!controller || depth > wrappers.length || !shown(controller, depth + 1)) {
        return false;
      }
      var wanted = (wrapper.getAttribute('data-visible-when-value') || '').trim().toLowerCase();
      var values = valuesOf(controller);
      if (controller.hasAttribute('data-flag')) {
        return flagOf(values[0]) !== null && flagOf(values[0]) === flagOf(wanted);
      }
      return values.some(function (value) {
        return value.trim().toLowerCase() === wanted;
      });
    }

    wrappers.forEach(function (wrapper) {
      wrapper.hidden = !shown(wrapper, 0);
    });
  }

  function onFieldChange(event) {
    var form = event.target.closest && event.target.closest('form[data-conditional-fields]');
    if (form) {
      applyConditions(form);
    }
  }

  document.addEventListener('change', onFieldChange);
  document.addEventListener('input', onFieldChange);

  function start() {
    showTheme();
    document.querySelectorAll('[data-refresh-url]').forEach(startRegion);
    document.querySelectorAll('form[data-conditional-fields]').forEach(applyConditions);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
