// ip·Solis approval rule editor. Progressive: the JSON textarea stays the submitted field; this editor reads it,
// renders the rules as ordinary form controls (names, approvers, quorum, nested AND/OR/NOT groups of clauses) and
// writes the JSON back on every change. Without script the textarea works as before; the server validates either way.
(function () {
  'use strict';

  var FIELDS = ['durationDays', 'monthlyCost', 'hasPii', 'hasPhi', 'hasPci', 'requesterDepartment', 'requesterCostCenter', 'requesterTitle'];
  var OPERATORS = ['>', '>=', '<', '<=', '==', '!=', 'contains', 'in'];
  var MAX_DEPTH = 8;
  var counter = 0;

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function id(prefix) { counter += 1; return 'rule-editor-' + prefix + '-' + counter; }

  function labelled(text, control) {
    var controlId = control.id || id('control');
    control.id = controlId;
    return el('div', { 'class': 'rule-editor-field' }, [el('label', { 'for': controlId, text: text }), control]);
  }

  function select(options, value, label) {
    var box = el('select', { 'aria-label': label });
    options.forEach(function (option) {
      var item = el('option', { value: option[0], text: option[1] });
      if (option[0] === value) item.selected = true;
      box.appendChild(item);
    });
    return box;
  }

  function button(text, label, onClick) {
    var b = el('button', { type: 'button', 'class': 'btn btn-ghost btn-small', 'aria-label': label, text: text });
    b.addEventListener('click', onClick);
    return b;
  }

  function isGroup(condition) { return condition && Array.isArray(condition.clauses); }

  function newClause() { return { field: 'durationDays', op: '>', value: '' }; }

  function Editor(textarea, host) {
    this.textarea = textarea;
    this.host = host;
    this.rules = [];
    this.status = el('p', { 'class': 'rule-editor-status small', role: 'status', 'aria-live': 'polite' });
  }

  Editor.prototype.load = function () {
    var text = this.textarea.value.trim();
    try {
      var parsed = text === '' ? [] : JSON.parse(text);
      if (!Array.isArray(parsed)) throw new Error('the rules are not a list');
      this.rules = parsed;
      this.render();
      return true;
    } catch (e) {
      this.host.replaceChildren(el('p', { 'class': 'field-error', text: 'The JSON below cannot be shown in the editor (' + e.message + '). Correct it there, or clear it to start over.' }));
      return false;
    }
  };

  Editor.prototype.write = function () {
    this.textarea.value = this.rules.length === 0 ? '' : JSON.stringify(this.rules, null, 2);
    var problems = [];
    this.rules.forEach(function (rule, index) {
      if (!rule.name || !rule.name.trim()) problems.push('Rule ' + (index + 1) + ' has no name.');
      if (!rule.approvers || rule.approvers.length === 0) problems.push('Rule ' + (index + 1) + ' names no approver.');
    });
    this.status.textContent = problems.length ? problems.join(' ') : '';
    this.status.classList.toggle('field-error', problems.length > 0);
  };

  Editor.prototype.render = function (focusSelector) {
    var self = this;
    var list = el('ol', { 'class': 'rule-editor-rules' });
    this.rules.forEach(function (rule, index) { list.appendChild(self.renderRule(rule, index)); });
    var add = button('Add rule', 'Add an approval rule', function () {
      self.rules.push({ name: '', condition: { op: 'and', clauses: [newClause()] }, approvers: [] });
      self.changed(true, '.rule-editor-rules > li:last-child input');
    });
    this.host.replaceChildren(list, el('div', { 'class': 'btn-row' }, [add]), this.status);
    if (focusSelector) {
      var target = this.host.querySelector(focusSelector);
      if (target) target.focus();
    }
  };

  Editor.prototype.changed = function (rerender, focusSelector) {
    this.write();
    if (rerender) this.render(focusSelector);
  };

  Editor.prototype.renderRule = function (rule, index) {
    var self = this;
    var name = el('input', { type: 'text', maxlength: '100', 'data-rule-name': '' });
    name.value = rule.name || '';
    name.addEventListener('input', function () { rule.name = name.value; self.changed(false); });

    var approvers = el('textarea', { rows: '2', 'data-rule-approvers': '' });
    approvers.value = (rule.approvers || []).map(function (a) { return a.name && a.name !== a.email ? a.email + ', ' + a.name : a.email; }).join('\n');
    approvers.addEventListener('input', function () {
      rule.approvers = approvers.value.split('\n').map(function (line) { return line.trim(); }).filter(Boolean).map(function (line) {
        var comma = line.indexOf(',');
        return comma < 0 ? { email: line, name: line } : { email: line.slice(0, comma).trim(), name: line.slice(comma + 1).trim() };
      });
      self.changed(false);
    });

    var quorum = el('input', { type: 'text', inputmode: 'numeric', maxlength: '3', 'data-rule-quorum': '' });
    quorum.value = rule.quorum == null ? '' : String(rule.quorum);
    quorum.addEventListener('input', function () {
      var value = quorum.value.trim();
      if (value === '') delete rule.quorum; else rule.quorum = /^\d+$/.test(value) ? parseInt(value, 10) : value;
      self.changed(false);
    });

    var exempt = el('input', { type: 'checkbox' });
    exempt.checked = !!rule.sodExempt;
    exempt.addEventListener('change', function () { rule.sodExempt = exempt.checked; self.changed(false); });

    if (!rule.condition) rule.condition = { op: 'and', clauses: [] };
    var remove = button('Remove rule', 'Remove rule ' + (index + 1), function () {
      self.rules.splice(index, 1);
      self.changed(true, '.rule-editor-rules > li input');
    });
    return el('li', { 'class': 'rule-editor-rule' }, [
      el('fieldset', {}, [
        el('legend', { text: 'Rule ' + (index + 1) }),
        labelled('Name', name),
        el('div', { 'class': 'rule-editor-condition' }, [el('p', { 'class': 'small muted', text: 'Applies when:' }), this.renderCondition(rule, 'condition', rule.condition, 1, 'rule ' + (index + 1))]),
        labelled('Approvers (one per line: email, Name)', approvers),
        labelled('Approvals needed from these (empty: they join the general bucket)', quorum),
        el('label', {}, [exempt, document.createTextNode(' The type\'s configurers may approve (exempt from separation of duties)')]),
        el('div', { 'class': 'btn-row' }, [remove]),
      ]),
    ]);
  };

  // Renders condition (the value of parent[key]); a group shows its clauses and buttons to add or remove them.
  Editor.prototype.renderCondition = function (parent, key, condition, depth, where) {
    var self = this;
    if (isGroup(condition)) {
      var combinator = select([['and', 'all of'], ['or', 'any of'], ['not', 'not']], (condition.op || 'and').toLowerCase(), 'Combine the conditions of this group of ' + where);
      combinator.setAttribute('data-group-op', '');
      combinator.addEventListener('change', function () { condition.op = combinator.value; self.changed(false); });
      var items = el('ul', { 'class': 'rule-editor-clauses' });
      condition.clauses.forEach(function (child, i) {
        var removeChild = button('Remove', 'Remove condition ' + (i + 1) + ' of this group', function () {
          condition.clauses.splice(i, 1);
          self.changed(true);
        });
        items.appendChild(el('li', {}, [self.renderCondition(condition.clauses, i, child, depth + 1, where), removeChild]));
      });
      var addClause = button('Add condition', 'Add a condition to this group of ' + where, function () {
        condition.clauses.push(newClause());
        self.changed(true);
      });
      var controls = [addClause];
      if (depth < MAX_DEPTH - 1) {
        controls.push(button('Add group', 'Add a nested group to this group of ' + where, function () {
          condition.clauses.push({ op: 'or', clauses: [newClause()] });
          self.changed(true);
        }));
      }
      return el('fieldset', { 'class': 'rule-editor-group', 'data-depth': String(depth) }, [
        el('legend', { 'class': 'visually-hidden', text: 'Group of conditions' }),
        labelled('Match', combinator), items, el('div', { 'class': 'btn-row' }, controls),
      ]);
    }

    var isAttribute = typeof condition.field === 'string' && condition.field.indexOf('attr.') === 0;
    var fields = FIELDS.map(function (f) { return [f, f]; }).concat([['attr.', 'attribute…']]);
    var field = select(fields, isAttribute ? 'attr.' : condition.field, 'Field');
    field.setAttribute('data-clause-field', '');
    var attribute = el('input', { type: 'text', maxlength: '100', 'aria-label': 'Attribute key', placeholder: 'attribute key', 'data-clause-attribute': '' });
    attribute.value = isAttribute ? condition.field.slice(5) : '';
    attribute.hidden = !isAttribute;
    var op = select(OPERATORS.map(function (o) { return [o, o]; }), condition.op, 'Operator');
    op.setAttribute('data-clause-op', '');
    var value = el('input', { type: 'text', maxlength: '500', 'aria-label': 'Value', placeholder: 'value', 'data-clause-value': '' });
    value.value = condition.value == null ? '' : String(condition.value);

    field.addEventListener('change', function () {
      attribute.hidden = field.value !== 'attr.';
      condition.field = field.value === 'attr.' ? 'attr.' + attribute.value.trim() : field.value;
      self.changed(false);
    });
    attribute.addEventListener('input', function () { condition.field = 'attr.' + attribute.value.trim(); self.changed(false); });
    op.addEventListener('change', function () { condition.op = op.value; self.changed(false); });
    value.addEventListener('input', function () { condition.value = value.value; self.changed(false); });
    return el('span', { 'class': 'rule-editor-clause' }, [field, attribute, op, value]);
  };

  function start(host) {
    var textarea = document.getElementById(host.getAttribute('data-approval-rule-editor'));
    if (!textarea) return;
    var editor = new Editor(textarea, host);
    editor.load();
    // Someone who edits the JSON by hand sees the editor follow once the text reads as rules again.
    textarea.addEventListener('change', function () { editor.load(); });
  }

  function init() { document.querySelectorAll('[data-approval-rule-editor]').forEach(start); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
}());
