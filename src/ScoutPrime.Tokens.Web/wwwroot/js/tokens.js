// Progressive enhancement of the API Tokens screens. Without JavaScript every action is a plain form or link.
(() => {
  // Show reveals the code in place (a POST answered with JSON); the same button then reads Hide.
  document.querySelectorAll('form.reveal-form').forEach((form) => {
    const button = form.querySelector('button');
    const code = form.closest('td').querySelector('.token-code');
    const label = button.getAttribute('aria-label') ?? '';
    const mask = () => {
      code.textContent = code.dataset.mask;
      button.textContent = 'Show';
      button.setAttribute('aria-label', label);
      delete form.dataset.revealed;
    };
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (form.dataset.revealed) { mask(); return; }
      button.disabled = true;
      try {
        const response = await fetch(form.action, {
          method: 'POST',
          body: new FormData(form),
          headers: { Accept: 'application/json' },
          credentials: 'same-origin',
        });
        if (!response.ok) { form.submit(); return; }
        const { code: value } = await response.json();
        code.textContent = value;
        button.textContent = 'Hide';
        button.setAttribute('aria-label', label.replace(/^Show/, 'Hide'));
        form.dataset.revealed = 'true';
      } finally {
        button.disabled = false;
      }
    });
  });

  // The Add and Edit forms say which date the token will expire on if saved now.
  document.querySelectorAll('input.timeout-input').forEach((input) => {
    const preview = input.parentElement.querySelector('.expiry-preview');
    const now = Date.parse(input.dataset.now);
    const update = () => {
      const days = Number(input.value);
      if (!Number.isInteger(days) || days < 1 || days > Number(input.max)) { preview.textContent = ''; return; }
      const at = new Date(now + days * 86400000).toISOString().replace('T', ' ').slice(0, 16);
      preview.textContent = `Expires on ${at} UTC if saved now.`;
    };
    input.addEventListener('input', update);
  });
})();
