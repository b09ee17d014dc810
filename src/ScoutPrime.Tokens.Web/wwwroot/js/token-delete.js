// Delete confirmation as a Bootstrap modal. Without JavaScript the trash button opens the confirmation page,
// which posts to the same action.
(() => {
  const element = document.getElementById('delete-modal');
  if (!element || !window.bootstrap) return;
  const modal = window.bootstrap.Modal.getOrCreateInstance(element);
  const form = element.querySelector('form');
  const description = element.querySelector('.delete-description');
  let trigger = null;

  document.querySelectorAll('a.token-delete').forEach((link) => {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      trigger = link;
      form.action = link.href;
      description.textContent = link.dataset.description;
      modal.show(link);
    });
  });

  // No is the safe default, as on the confirmation page; closing the dialog returns focus to the trash button.
  element.addEventListener('shown.bs.modal', () => element.querySelector('.modal-footer [data-bs-dismiss]').focus());
  element.addEventListener('hidden.bs.modal', () => trigger?.focus());
})();
