// Avatar menu: a <details> element works without JavaScript; this adds Escape and click-outside to close it.
(() => {
  const menus = document.querySelectorAll('details.avatar-menu');
  const close = (menu, focusSummary) => {
    if (!menu.open) return;
    menu.open = false;
    if (focusSummary) menu.querySelector('summary')?.focus();
  };
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') menus.forEach((menu) => close(menu, menu.contains(document.activeElement)));
  });
  document.addEventListener('click', (event) => {
    menus.forEach((menu) => { if (!menu.contains(event.target)) close(menu, false); });
  });
})();
