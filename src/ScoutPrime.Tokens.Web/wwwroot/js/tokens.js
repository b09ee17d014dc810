// Progressive enhancement of the API Tokens screens. Without JavaScript every action is a plain form or link.
(() => {
  const revealMilliseconds = 60_000;
  const announcer = document.getElementById('token-announcer');
  const maskers = new Set();
  const maskAll = () => maskers.forEach((mask) => mask());

  // Screen readers hear "Copied" through the live region; emptying it first makes a repeat heard too.
  const announce = (text) => {
    if (!announcer) return;
    announcer.textContent = '';
    setTimeout(() => { announcer.textContent = text; }, 100);
  };

  // Copy is offered only where the clipboard API is (a secure context), and only while the code is shown.
  const wireCopy = (cell) => {
    const button = cell.querySelector('.token-copy');
    if (!button || !navigator.clipboard) return null;
    const text = button.querySelector('span');
    let reset;
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(cell.querySelector('.token-code').textContent.trim());
        text.textContent = 'Copied';
        announce('Copied');
        clearTimeout(reset);
        reset = setTimeout(() => { text.textContent = 'Copy'; }, 2000);
      } catch {
        announce('Copying failed: select the code and copy it yourself.');
      }
    });
    return button;
  };

  // Show reveals the code in place (a POST answered with JSON); the same button then reads Hide.
  // One code at a time, masked again after a minute or when the page is left.
  document.querySelectorAll('form.reveal-form').forEach((form) => {
    const button = form.querySelector('button');
    const cell = form.closest('td');
    const code = cell.querySelector('.token-code');
    const copy = wireCopy(cell);
    const label = button.getAttribute('aria-label') ?? '';
    let timer;
    let busy = false;
    const mask = () => {
      clearTimeout(timer);
      code.textContent = code.dataset.mask;
      button.textContent = 'Show';
      button.setAttribute('aria-label', label);
      if (copy) copy.hidden = true;
      delete form.dataset.revealed;
      maskers.delete(mask);
    };
    form.addEventListener('submit', async (event) => {
      // A code the server revealed (the no-JavaScript path) is masked by the server: Show posts as usual.
      if (document.querySelector('.token-code.server-revealed')) return;
      event.preventDefault();
      if (form.dataset.revealed) { mask(); return; }
      if (busy) return; // not button.disabled: disabling the focused button would drop keyboard focus
      busy = true;
      try {
        const response = await fetch(form.action, {
          method: 'POST',
          body: new FormData(form),
          headers: { Accept: 'application/json' },
          credentials: 'same-origin',
        });
        // The last proof of identity is too old: the server says where to prove it again (never a code).
        if (response.status === 403) {
          const problem = await response.json().catch(() => null);
          if (problem?.proofUrl || problem?.setupUrl) { window.location.assign(problem.proofUrl ?? problem.setupUrl); return; }
        }
        if (!response.ok) { form.submit(); return; }
        const { code: value } = await response.json();
        maskAll();
        code.textContent = value;
        button.textContent = 'Hide';
        button.setAttribute('aria-label', label.replace(/^Show/, 'Hide'));
        if (copy) copy.hidden = false;
        form.dataset.revealed = 'true';
        maskers.add(mask);
        timer = setTimeout(mask, revealMilliseconds);
      } finally {
        busy = false;
      }
    });
  });

  // A code the server revealed: Copy works on it too, and after a minute the page does what Hide does.
  document.querySelectorAll('.token-code.server-revealed').forEach((code) => {
    const cell = code.closest('td');
    const copy = wireCopy(cell);
    if (copy) copy.hidden = false;
    const hide = cell.querySelector('a.token-toggle');
    setTimeout(() => window.location.replace(hide.href), revealMilliseconds);
    maskers.add(() => { code.textContent = code.dataset.mask; });
  });

  // Leaving the page masks every code, so the back/forward cache never brings one back.
  window.addEventListener('pagehide', maskAll);

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
