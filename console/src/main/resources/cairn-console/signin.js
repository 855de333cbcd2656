import {api, setSession} from './api.js';
import {h, mount} from './ui.js';

/** The sign-in form: an access key and its secret, or the legacy API key. Resolves with the session once signed in. */
export function signIn(root, reason) {
  return new Promise(resolve => {
    let useApiKey = false;
    const error = h('p', {class: 'form-error', id: 'signin-error', role: 'alert'});
    const fields = h('div', {class: 'fields'});
    const toggle = h('button', {type: 'button', class: 'link', onclick: () => { useApiKey = !useApiKey; render(); }});
    const submit = h('button', {type: 'submit', class: 'primary'}, 'Sign in');
    const form = h('form', {class: 'signin card', 'aria-labelledby': 'signin-title', novalidate: true},
      h('h1', {id: 'signin-title'}, 'Sign in to Cairn'),
      reason ? h('p', {class: 'hint'}, reason) : null,
      fields, error, submit, toggle);

    function render() {
      mount(fields, ...(useApiKey ? [
        h('label', {for: 'api-key'}, 'API key'),
        h('input', {id: 'api-key', name: 'api_key', type: 'password', autocomplete: 'current-password', required: true,
          'aria-describedby': 'signin-error'}),
      ] : [
        h('label', {for: 'access-key'}, 'Access key'),
        h('input', {id: 'access-key', name: 'access_key', type: 'text', autocomplete: 'username', required: true,
          autocapitalize: 'none', spellcheck: 'false', 'aria-describedby': 'signin-error'}),
        h('label', {for: 'secret-key'}, 'Secret key'),
        h('input', {id: 'secret-key', name: 'secret_key', type: 'password', autocomplete: 'current-password',
          required: true, 'aria-describedby': 'signin-error'}),
      ]));
      toggle.textContent = useApiKey ? 'Sign in with an access key instead' : 'Sign in with the API key instead';
      error.textContent = '';
      fields.querySelector('input').focus();
    }

    form.addEventListener('submit', async event => {
      event.preventDefault();
      const values = Object.fromEntries(new FormData(form));
      const missing = [...fields.querySelectorAll('input')].find(i => !i.value);
      if (missing) {
        error.textContent = `${fields.querySelector(`label[for="${missing.id}"]`).textContent} is missing.`;
        missing.setAttribute('aria-invalid', 'true');
        missing.focus();
        return;
      }
      submit.disabled = true;
      submit.textContent = 'Signing in…';
      try {
        const session = await api('POST', '/console/session', {json: values});
        setSession(session);
        resolve(session);
      } catch (e) {
        error.textContent = e.status === 401 ? `Not signed in: ${e.message}.` : e.message;
        for (const input of fields.querySelectorAll('input[type=password]')) {
          input.value = '';
          input.setAttribute('aria-invalid', 'true');
        }
        fields.querySelector('input[type=password]').focus();
      } finally {
        submit.disabled = false;
        submit.textContent = 'Sign in';
      }
    });

    mount(root, h('main', {id: 'main', class: 'signin-page'}, form));
    render();
  });
}
