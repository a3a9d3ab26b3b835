// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary, as the GOV.UK Design System does, so screen
  // reader and keyboard users learn at once that the form needs attention.
  const summary = document.querySelector(".error-summary[data-autofocus]");
  if (summary) {
    summary.focus();
  }
  // Links in the summary focus the field itself, not just scroll to it.
  document.querySelectorAll(".error-summary a[href^='#']").forEach((link) => {
    link.addEventListener("click", (event) => {
      const target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) {
        event.preventDefault();
        target.focus();
        target.scrollIntoView({ block: "center" });
      }
    });
  });
});
