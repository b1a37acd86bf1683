// Comments, enhanced: the site's own messages for missing fields in the browser's validation,
// replies written under the comment they answer, and posting without reloading the page.
// Without this script the form works as a plain POST (CSP forbids inline scripts: this file
// is the only script the comment form uses).
(function () {
  'use strict';
  var form = document.querySelector('form.comment-form');
  if (!form || !window.fetch || !window.URLSearchParams) return;

  var respond = document.getElementById('respond');
  var home = respond && respond.parentNode;
  var homeNext = respond && respond.nextSibling;
  var message = form.querySelector('.form-message');
  var parentInput = form.querySelector('input[name="parent_id"]');
  var replying = form.querySelector('.replying-to');
  var button = form.querySelector('button[type="submit"]');

  function errorOf(field) {
    return document.getElementById(field.id + '-error');
  }

  function showError(field, text) {
    var el = errorOf(field);
    if (el) el.textContent = text || '';
    if (text) field.setAttribute('aria-invalid', 'true');
    else field.removeAttribute('aria-invalid');
  }

  // A required field left empty (or only spaces) carries the site's message, which the
  // browser shows in its validation bubble; typing clears it.
  function check(field) {
    var missing = field.getAttribute('data-missing');
    if (!missing) return;
    field.setCustomValidity(field.value.trim() === '' ? missing : '');
  }

  var required = form.querySelectorAll('[data-missing]');
  Array.prototype.forEach.call(required, function (field) {
    check(field);
    field.addEventListener('input', function () {
      check(field);
      if (field.validity.valid) showError(field, '');
    });
    field.addEventListener('invalid', function () {
      check(field);
      showError(field, field.validationMessage);
    });
  });
  Array.prototype.forEach.call(form.querySelectorAll('input:not([type="hidden"]), textarea'), function (field) {
    if (field.hasAttribute('data-missing')) return;
    field.addEventListener('input', function () { showError(field, ''); });
  });

  function setMessage(text) {
    if (!message) return;
    message.textContent = text || '';
    message.hidden = !text;
  }

  // Replies: the form moves under the comment answered; "Cancel reply" brings it back.
  function replyTo(id, name, item) {
    parentInput.value = id || '';
    if (replying) {
      replying.hidden = !id;
      var who = replying.querySelector('.replying-to-name');
      if (who) who.textContent = name || '';
    }
    if (id && item) item.appendChild(respond);
    else if (home) home.insertBefore(respond, homeNext);
  }

  document.addEventListener('click', function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var link = target.closest('a.comment-reply');
    if (link) {
      event.preventDefault();
      replyTo(link.getAttribute('data-reply-to'), link.getAttribute('data-reply-name'), link.closest('li.comment'));
      form.querySelector('textarea').focus();
      return;
    }
    if (target.closest('a.cancel-reply')) {
      event.preventDefault();
      replyTo('', '', null);
    }
  });

  function insertComment(data) {
    var holder = document.createElement('div');
    holder.innerHTML = data.html; // rendered and escaped by the server
    var item = holder.firstElementChild;
    if (!item) return;
    var list = document.querySelector('#comments .comment-list');
    if (data.parentId) {
      var parent = document.getElementById('comment-' + data.parentId);
      if (parent) {
        list = parent.querySelector(':scope > ol.comment-replies');
        if (!list) {
          list = document.createElement('ol');
          list.className = 'comment-replies';
          parent.insertBefore(list, parent.contains(respond) ? respond : null);
        }
      }
    }
    if (!list) return;
    list.appendChild(item);
    var empty = document.querySelector('#comments .comments-empty');
    if (empty) empty.remove();
    item.scrollIntoView({ block: 'nearest' });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    setMessage('');
    button.disabled = true;
    fetch(form.action, {
      method: 'POST',
      headers: { Accept: 'application/json' },
      body: new URLSearchParams(new FormData(form)),
      credentials: 'same-origin',
    })
      .then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      })
      .then(function (result) {
        var data = result.data || {};
        if (result.ok) {
          insertComment(data);
          form.querySelector('textarea').value = '';
          check(form.querySelector('textarea'));
          replyTo('', '', null);
          setMessage(data.message);
          return;
        }
        if (data.token) form.querySelector('input[name="token"]').value = data.token;
        var errors = data.errors || {};
        Array.prototype.forEach.call(form.querySelectorAll('[name]'), function (field) {
          if (field.type !== 'hidden') showError(field, errors[field.name]);
        });
        setMessage(data.error || 'Your comment could not be posted.');
      })
      .catch(function () {
        setMessage('Your comment could not be sent. Please check your connection and try again.');
      })
      .then(function () {
        button.disabled = false;
      });
  });
})();
