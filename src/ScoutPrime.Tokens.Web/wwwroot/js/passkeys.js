// Passkey ceremonies for forms marked data-passkey="create" (add a passkey) or "get" (sign in with one).
// The form's own antiforgery field goes with the request for options (data-passkey-options); the browser's
// answer goes back in the form's hidden "credential" field, by an ordinary form post. Without JavaScript the
// form posts no credential and the server explains that passkeys need JavaScript.
(() => {
  const forms = document.querySelectorAll('form[data-passkey]');
  if (forms.length === 0) return;
  const supported = typeof window.PublicKeyCredential === 'function' && !!navigator.credentials;

  // base64url <-> ArrayBuffer, for browsers without parse*FromJSON / toJSON.
  const toBuffer = (text) => {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)).buffer;
  };
  const toText = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const withIds = (list) => (list || []).map((c) => ({ ...c, id: toBuffer(c.id) }));

  const creationOptions = (json) => PublicKeyCredential.parseCreationOptionsFromJSON
    ? PublicKeyCredential.parseCreationOptionsFromJSON(json)
    : { ...json, challenge: toBuffer(json.challenge), user: { ...json.user, id: toBuffer(json.user.id) },
        excludeCredentials: withIds(json.excludeCredentials) };
  const requestOptions = (json) => PublicKeyCredential.parseRequestOptionsFromJSON
    ? PublicKeyCredential.parseRequestOptionsFromJSON(json)
    : { ...json, challenge: toBuffer(json.challenge), allowCredentials: withIds(json.allowCredentials) };

  const credentialJson = (credential) => {
    if (typeof credential.toJSON === 'function') return JSON.stringify(credential.toJSON());
    const r = credential.response;
    const response = { clientDataJSON: toText(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toText(r.attestationObject);
      response.transports = typeof r.getTransports === 'function' ? r.getTransports() : [];
    } else {
      response.authenticatorData = toText(r.authenticatorData);
      response.signature = toText(r.signature);
      if (r.userHandle) response.userHandle = toText(r.userHandle);
    }
    return JSON.stringify({
      id: credential.id, rawId: toText(credential.rawId), type: credential.type, response,
      authenticatorAttachment: credential.authenticatorAttachment ?? null,
      clientExtensionResults: credential.getClientExtensionResults(),
    });
  };

  const explain = (error) => {
    switch (error && error.name) {
      case 'NotAllowedError': return 'The passkey request was cancelled or timed out. Try again when you are ready.';
      case 'InvalidStateError': return 'This device already holds a passkey for your account.';
      case 'SecurityError': return 'Passkeys need a secure (HTTPS) connection to this site.';
      default: return 'The passkey could not be used. Try again, or sign in with your password.';
    }
  };

  forms.forEach((form) => {
    const status = form.querySelector('.passkey-status');
    const say = (text) => { status.textContent = text; status.classList.toggle('text-danger', !!text); };
    const create = form.dataset.passkey === 'create';
    say(supported ? '' : 'This browser does not support passkeys. ' +
      (create ? 'Use a recent browser to add one.' : 'Sign in with your email and password.'));

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!supported) return;
      const button = form.querySelector('button[type="submit"]');
      button.disabled = true;
      say('Follow your browser\'s prompt…');
      status.classList.remove('text-danger');
      try {
        const response = await fetch(form.dataset.passkeyOptions, {
          method: 'POST', body: new FormData(form), credentials: 'same-origin', headers: { Accept: 'application/json' },
        });
        // Adding a passkey needs a recent proof: the server says where to give it.
        if (response.status === 403) {
          const problem = await response.json().catch(() => null);
          if (problem?.proofUrl) { window.location.assign(problem.proofUrl); return; }
        }
        if (!response.ok) throw new Error('options ' + response.status);
        const json = await response.json();
        const credential = create
          ? await navigator.credentials.create({ publicKey: creationOptions(json) })
          : await navigator.credentials.get({ publicKey: requestOptions(json) });
        form.querySelector('input[name="credential"]').value = credentialJson(credential);
        say('Checking…');
        form.submit(); // an ordinary post: the server answers with a page, as for the password form
      } catch (error) {
        say(explain(error));
        button.disabled = false;
      }
    });
  });
})();
