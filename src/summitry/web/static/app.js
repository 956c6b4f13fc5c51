// A click on a fact lights up its evidence sentence in the document and scrolls to it.
// Without this script the fact is a plain link to the sentence's anchor.
"use strict";

function light(key) {
  const parts = document.querySelectorAll('[data-k~="' + CSS.escape(key) + '"]');
  if (!parts.length) return false;
  document.querySelectorAll(".lit").forEach((el) => el.classList.remove("lit"));
  document.querySelectorAll("a.fact.active").forEach((el) => el.classList.remove("active"));
  parts.forEach((el) => el.classList.add("lit"));
  document.querySelectorAll('a.fact[data-target="' + CSS.escape(key) + '"]').forEach((el) => el.classList.add("active"));
  parts[0].scrollIntoView({ behavior: "smooth", block: "center" });
  return true;
}

document.addEventListener("click", (event) => {
  const fact = event.target.closest("a.fact[data-target]");
  if (fact && light(fact.dataset.target)) {
    event.preventDefault();
    history.replaceState(null, "", "#" + fact.dataset.target);
  }
});

document.addEventListener("DOMContentLoaded", () => {
  if (location.hash.length > 1) light(decodeURIComponent(location.hash.slice(1)));
});
