import {api} from './api.js';
import {h, mount, when, bytes, announce, showError, confirm, dialog} from './ui.js';

/**
 * #/access: users, their access keys, the policies they hold and the quotas of buckets and users, over the admin API
 * (`/admin/users`, `/admin/keys`, `/admin/policies`, `/admin/quotas`). What a user may do here is what their policies
 * allow on that API: the page says so when not.
 */
export function accessView(main) {
  return new AccessView(main);
}

class AccessView {
  constructor(main) {
    this.main = main;
    this.users = h('div', {class: 'table-wrap', id: 'users', tabindex: 0, role: 'region', 'aria-label': 'Users'});
    this.keys = h('div', {class: 'table-wrap', id: 'keys', tabindex: 0, role: 'region', 'aria-label': 'Access keys'});
    this.policies = h('div', {class: 'table-wrap', id: 'policies', tabindex: 0, role: 'region', 'aria-label': 'Policies'});
    this.quotas = h('div', {class: 'table-wrap', id: 'quotas', tabindex: 0, role: 'region', 'aria-label': 'Quotas'});
    mount(main,
      h('div', {class: 'page-head'}, h('h1', {}, 'Users and access keys')),
      h('section', {'aria-labelledby': 'users-title'},
        h('div', {class: 'page-head'}, h('h2', {id: 'users-title'}, 'Users'),
          h('button', {type: 'button', class: 'primary', onclick: () => this.addUser()}, 'Add user')),
        this.users),
      h('section', {'aria-labelledby': 'keys-title'},
        h('div', {class: 'page-head'}, h('h2', {id: 'keys-title'}, 'Access keys'),
          h('button', {type: 'button', onclick: () => this.createKey()}, 'Create access key')),
        this.keys),
      h('section', {'aria-labelledby': 'policies-title'},
        h('div', {class: 'page-head'}, h('h2', {id: 'policies-title'}, 'Policies'),
          h('button', {type: 'button', onclick: () => this.editPolicy(null)}, 'New policy')),
        this.policies),
      h('section', {'aria-labelledby': 'quotas-title'},
        h('div', {class: 'page-head'}, h('h2', {id: 'quotas-title'}, 'Quotas'),
          h('button', {type: 'button', onclick: () => this.editQuota(null)}, 'Set a quota')),
        this.quotas));
    // The buttons are there before the lists: a dialog that offers policies or users waits for the first load.
    this.loaded = this.load();
  }

  async load() {
    const [users, keys, policies, quotas] = await Promise.all([
      api('GET', '/admin/users').catch(e => e), api('GET', '/admin/keys').catch(e => e),
      api('GET', '/admin/policies').catch(e => e), api('GET', '/admin/quotas').catch(e => e)]);
    this.policyNames = policies instanceof Error ? [] : policies.policies.map(p => p.name);
    this.userNames = users instanceof Error ? [] : users.users.map(u => u.name);
    this.show(this.users, users, list => this.usersTable(list.users));
    this.show(this.keys, keys, list => this.keysTable(list.keys));
    this.show(this.policies, policies, list => this.policiesTable(list.policies));
    this.show(this.quotas, quotas, list => this.quotasTable(list.quotas));
  }

  show(region, answer, render) {
    if (answer instanceof Error) {
      mount(region, h('p', {class: 'hint padded'}, answer.status === 403
        ? `Your user may not see this: ${answer.message}` : `Could not load this: ${answer.message}`));
    } else {
      mount(region, render(answer));
    }
  }

  usersTable(users) {
    if (!users.length) return h('p', {class: 'hint padded'}, 'No users yet besides the root user: add one.');
    return h('table', {class: 'grid'},
      h('caption', {class: 'visually-hidden'}, 'Users'),
      h('thead', {}, h('tr', {}, ['User', 'State', 'Policies', 'Created'].map(t => h('th', {scope: 'col'}, t)),
        h('th', {scope: 'col'}, h('span', {class: 'visually-hidden'}, 'Actions')))),
      h('tbody', {}, users.map(u => h('tr', {},
        h('th', {scope: 'row'}, u.name),
        h('td', {}, u.enabled ? 'enabled' : 'disabled'),
        h('td', {}, u.policies.length ? u.policies.join(', ') : 'none'),
        h('td', {}, when(u.created_at)),
        h('td', {class: 'actions'},
          h('button', {type: 'button', class: 'ghost', 'aria-label': `Policies of ${u.name}`,
            onclick: () => this.editPolicies(u)}, 'Policies'),
          h('button', {type: 'button', class: 'ghost', 'aria-label': `${u.enabled ? 'Disable' : 'Enable'} ${u.name}`,
            onclick: () => this.act('POST', `/admin/users/${encodeURIComponent(u.name)}/${u.enabled ? 'disable' : 'enable'}`,
              `${u.enabled ? 'Disable' : 'Enable'} user`, `${u.enabled ? 'Disable' : 'Enable'} ${u.name}? `
              + (u.enabled ? 'None of their keys works while the user is disabled.' : ''), u.enabled)},
            u.enabled ? 'Disable' : 'Enable'),
          h('button', {type: 'button', class: 'ghost danger-text', 'aria-label': `Delete user ${u.name}`,
            onclick: () => this.act('DELETE', `/admin/users/${encodeURIComponent(u.name)}`, 'Delete user',
              `Delete ${u.name} and every access key of theirs?`, true)}, 'Delete'))))));
  }

  keysTable(keys) {
    if (!keys.length) return h('p', {class: 'hint padded'}, 'No access keys yet besides the root user\'s.');
    return h('table', {class: 'grid'},
      h('caption', {class: 'visually-hidden'}, 'Access keys'),
      h('thead', {}, h('tr', {}, ['Access key', 'User', 'Label', 'State', 'Created'].map(t => h('th', {scope: 'col'}, t)),
        h('th', {scope: 'col'}, h('span', {class: 'visually-hidden'}, 'Actions')))),
      h('tbody', {}, keys.map(k => h('tr', {},
        h('th', {scope: 'row', class: 'mono'}, k.access_key),
        h('td', {}, k.user), h('td', {}, k.label || '–'),
        h('td', {}, k.enabled ? 'enabled' : 'disabled'),
        h('td', {}, when(k.created_at)),
        h('td', {class: 'actions'},
          h('button', {type: 'button', class: 'ghost', 'aria-label': `${k.enabled ? 'Disable' : 'Enable'} key ${k.access_key}`,
            onclick: () => this.act('POST', `/admin/keys/${encodeURIComponent(k.access_key)}/${k.enabled ? 'disable' : 'enable'}`,
              `${k.enabled ? 'Disable' : 'Enable'} access key`, `${k.enabled ? 'Disable' : 'Enable'} ${k.access_key}?`,
              k.enabled)}, k.enabled ? 'Disable' : 'Enable'),
          h('button', {type: 'button', class: 'ghost danger-text', 'aria-label': `Delete key ${k.access_key}`,
            onclick: () => this.act('DELETE', `/admin/keys/${encodeURIComponent(k.access_key)}`, 'Delete access key',
              `Delete ${k.access_key}? Whatever uses it stops working.`, true)}, 'Delete'))))));
  }

  policiesTable(policies) {
    return h('table', {class: 'grid'},
      h('caption', {class: 'visually-hidden'}, 'Policies'),
      h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Policy'), h('th', {scope: 'col'}, 'Kind'),
        h('th', {scope: 'col'}, h('span', {class: 'visually-hidden'}, 'Actions')))),
      h('tbody', {}, policies.map(p => h('tr', {},
        h('th', {scope: 'row'}, p.name), h('td', {}, p.canned ? 'built in' : 'custom'),
        h('td', {class: 'actions'}, p.canned
          ? h('button', {type: 'button', class: 'ghost', 'aria-label': `Show policy ${p.name}`,
            onclick: () => dialog({title: `Policy ${p.name}`, body: h('pre', {class: 'policy'}, p.document),
              actions: [{label: 'Close', value: 'cancel', submit: true}]})}, 'Show')
          : [h('button', {type: 'button', class: 'ghost', 'aria-label': `Edit policy ${p.name}`,
            onclick: () => this.editPolicy(p)}, 'Edit'),
          h('button', {type: 'button', class: 'ghost danger-text', 'aria-label': `Delete policy ${p.name}`,
            onclick: () => this.act('DELETE', `/admin/policies/${encodeURIComponent(p.name)}`, 'Delete policy',
              `Delete the policy ${p.name}? It must not be attached to a user.`, true)}, 'Delete')])))));
  }

  quotasTable(quotas) {
    if (!quotas.length) return h('p', {class: 'hint padded'}, 'No quotas: buckets and users may hold as much as the disks do.');
    const held = (used, max, show) => max ? `${show(used)} of ${show(max)} (${Math.floor(100 * used / max)} %)`
      : `${show(used)}, no limit`;
    return h('table', {class: 'grid'},
      h('caption', {class: 'visually-hidden'}, 'Quotas'),
      h('thead', {}, h('tr', {}, ['Of', 'Name', 'Bytes', 'Versions'].map(t => h('th', {scope: 'col'}, t)),
        h('th', {scope: 'col'}, h('span', {class: 'visually-hidden'}, 'Actions')))),
      h('tbody', {}, quotas.map(q => h('tr', {},
        h('td', {}, q.scope), h('th', {scope: 'row'}, q.name),
        h('td', {}, held(q.used_bytes, q.max_bytes, bytes)),
        h('td', {}, held(q.used_objects, q.max_objects, n => n.toLocaleString())),
        h('td', {class: 'actions'},
          h('button', {type: 'button', class: 'ghost', 'aria-label': `Change the quota of ${q.scope} ${q.name}`,
            onclick: () => this.editQuota(q)}, 'Change'),
          h('button', {type: 'button', class: 'ghost danger-text', 'aria-label': `Remove the quota of ${q.scope} ${q.name}`,
            onclick: () => this.removeQuota(q)}, 'Remove'))))));
  }

  /**
   * Writes a policy (null: a new one) in a dialog that stays open, with the server's answer, until the document is
   * taken or the dialog is cancelled: a typo must not cost what was typed.
   */
  async editPolicy(policy) {
    const name = h('input', {id: 'policy-name', required: true, autocomplete: 'off', value: policy ? policy.name : '',
      readonly: policy ? true : undefined});
    const text = h('textarea', {id: 'policy-document', rows: 14, spellcheck: 'false', class: 'policy',
      'aria-describedby': 'policy-hint policy-error'});
    text.value = policy ? policy.document : JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::BUCKET', 'arn:aws:s3:::BUCKET/*']}]}, null, 2);
    const problem = h('p', {id: 'policy-error', class: 'warning', role: 'alert'});
    for (;;) {
      const answer = await dialog({
        title: policy ? `Edit policy ${policy.name}` : 'New policy', initialFocus: policy ? '#policy-document' : '#policy-name',
        body: [h('label', {for: 'policy-name'}, 'Name'), name,
          h('label', {for: 'policy-document'}, 'Document (IAM policy JSON)'), text,
          h('p', {id: 'policy-hint', class: 'hint'}, 'Actions as in S3 and IAM (s3:GetObject, s3:PutObject, admin:*…); '
            + 'resources as ARNs (arn:aws:s3:::bucket/prefix*). A user holds it once it is attached to them.'),
          problem],
        actions: [{label: 'Cancel', value: 'cancel'}, {label: 'Save', value: 'ok', submit: true, class: 'primary'}],
      });
      if (answer !== 'ok' || !name.value.trim()) return;
      try {
        await api('PUT', `/admin/policies/${encodeURIComponent(name.value.trim())}`,
          {body: text.value, headers: {'Content-Type': 'application/json'}});
        announce(`Policy ${name.value.trim()} saved`);
        break;
      } catch (e) {
        problem.textContent = `Not saved: ${e.message}`;
      }
    }
    this.load();
  }

  /** Sets the quota of a bucket or a user (null: asks which). Sizes take units: 500MiB, 10GiB, 2TB. */
  async editQuota(quota) {
    const scope = h('select', {id: 'quota-scope', disabled: quota ? true : undefined},
      ['bucket', 'user'].map(v => h('option', {value: v, selected: quota && quota.scope === v ? true : undefined}, v)));
    const name = h('input', {id: 'quota-name', required: true, autocomplete: 'off', value: quota ? quota.name : '',
      readonly: quota ? true : undefined});
    const maxBytes = h('input', {id: 'quota-bytes', autocomplete: 'off', placeholder: 'e.g. 10GiB; empty for no limit',
      value: quota && quota.max_bytes ? String(quota.max_bytes) : ''});
    const maxObjects = h('input', {id: 'quota-objects', type: 'number', min: 0, autocomplete: 'off',
      placeholder: 'empty for no limit', value: quota && quota.max_objects ? String(quota.max_objects) : ''});
    const problem = h('p', {id: 'quota-error', class: 'warning', role: 'alert'});
    for (;;) {
      const answer = await dialog({
        title: quota ? `Quota of ${quota.scope} ${quota.name}` : 'Set a quota',
        initialFocus: quota ? '#quota-bytes' : '#quota-scope',
        body: [h('label', {for: 'quota-scope'}, 'Of a'), scope, h('label', {for: 'quota-name'}, 'Name'), name,
          h('label', {for: 'quota-bytes'}, 'Most bytes'), maxBytes,
          h('label', {for: 'quota-objects'}, 'Most versions'), maxObjects,
          h('p', {class: 'hint'}, 'A write that would go over is refused (403 QuotaExceeded); what is stored stays.'),
          problem],
        actions: [{label: 'Cancel', value: 'cancel'}, {label: 'Save', value: 'ok', submit: true, class: 'primary'}],
      });
      if (answer !== 'ok' || !name.value.trim()) return;
      try {
        await this.putQuota(scope.value, name.value.trim(), maxBytes.value.trim() || '0', Number(maxObjects.value || 0));
        announce(`Quota of ${scope.value} ${name.value.trim()} saved`);
        break;
      } catch (e) {
        problem.textContent = `Not saved: ${e.message}`;
      }
    }
    this.load();
  }

  async removeQuota(quota) {
    if (!await confirm('Remove quota', `Remove the quota of ${quota.scope} ${quota.name}? It may then hold as much as `
      + 'the disks do.', 'Remove')) return;
    try {
      await this.putQuota(quota.scope, quota.name, '0', 0);
      announce(`Quota of ${quota.scope} ${quota.name} removed`);
    } catch (e) {
      showError(e, 'Removing a quota');
    }
    this.load();
  }

  putQuota(scope, name, maxBytes, maxObjects) {
    return api('PUT', `/admin/quotas/${scope}/${encodeURIComponent(name)}`,
      {json: {max_bytes: maxBytes, max_objects: maxObjects}});
  }

  async act(method, path, title, question, danger) {
    if (!await confirm(title, question, title.split(' ')[0], danger)) return;
    try {
      await api(method, path);
      announce(`${title}: done`);
    } catch (e) {
      showError(e, title);
    }
    this.load();
  }

  policyChoices(chosen) {
    return h('fieldset', {class: 'choices'}, h('legend', {}, 'Policies'),
      this.policyNames.map((name, i) => h('label', {class: 'choice'},
        h('input', {type: 'checkbox', name: 'policy', value: name, checked: chosen.includes(name), id: `policy-${i}`}),
        ` ${name}`)));
  }

  async addUser() {
    await this.loaded;
    const name = h('input', {id: 'new-user', required: true, autocomplete: 'off'});
    const choices = this.policyChoices(['readwrite']);
    const answer = await dialog({
      title: 'Add user', initialFocus: '#new-user',
      body: [h('label', {for: 'new-user'}, 'Name'), name, choices],
      actions: [{label: 'Cancel', value: 'cancel'}, {label: 'Add user', value: 'ok', submit: true, class: 'primary'}],
    });
    if (answer !== 'ok' || !name.value.trim()) return;
    const policies = [...choices.querySelectorAll('input:checked')].map(i => i.value);
    try {
      await api('POST', '/admin/users', {json: {name: name.value.trim(), policies}});
      announce(`User ${name.value.trim()} added`);
    } catch (e) {
      showError(e, 'Adding a user');
    }
    this.load();
  }

  async editPolicies(user) {
    const choices = this.policyChoices(user.policies);
    const answer = await dialog({
      title: `Policies of ${user.name}`, body: choices,
      actions: [{label: 'Cancel', value: 'cancel'}, {label: 'Save', value: 'ok', submit: true, class: 'primary'}],
    });
    if (answer !== 'ok') return;
    const policies = [...choices.querySelectorAll('input:checked')].map(i => i.value);
    try {
      await api('PUT', `/admin/users/${encodeURIComponent(user.name)}/policies`, {json: {policies}});
      announce(`Policies of ${user.name} saved`);
    } catch (e) {
      showError(e, `Policies of ${user.name}`);
    }
    this.load();
  }

  async createKey() {
    await this.loaded;
    if (!this.userNames.length) {
      showError(new Error('add a user first: an access key belongs to a user'));
      return;
    }
    const user = h('select', {id: 'key-user'}, this.userNames.map(n => h('option', {value: n}, n)));
    const label = h('input', {id: 'key-label', autocomplete: 'off', placeholder: 'e.g. laptop, backup job'});
    const answer = await dialog({
      title: 'Create access key', initialFocus: '#key-user',
      body: [h('label', {for: 'key-user'}, 'For user'), user, h('label', {for: 'key-label'}, 'Label (optional)'), label],
      actions: [{label: 'Cancel', value: 'cancel'}, {label: 'Create', value: 'ok', submit: true, class: 'primary'}],
    });
    if (answer !== 'ok') return;
    let key;
    try {
      key = await api('POST', '/admin/keys', {json: {user: user.value, label: label.value.trim() || undefined}});
    } catch (e) {
      showError(e, 'Creating an access key');
      return;
    }
    this.load();
    const field = (id, text, value) => [h('label', {for: id}, text),
      h('input', {id, readonly: true, value, class: 'share-url', onfocus: e => e.target.select()})];
    await dialog({
      title: 'Access key created',
      body: [h('p', {class: 'warning'}, 'The secret is shown this once: copy it now. It cannot be shown again.'),
        ...field('created-key', 'Access key', key.access_key), ...field('created-secret', 'Secret key', key.secret_key)],
      actions: [{label: 'Done', value: 'cancel', submit: true, class: 'primary'}],
      initialFocus: '#created-secret',
    });
  }
}
