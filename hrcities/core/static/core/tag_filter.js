// A box of tags to tick gains a search field: typing a number ("11", "16.10") or words
// keeps the tags that hold every word, and the ticked ones, in view. Without scripts
// the whole list stays, in its scrolling box.
document.querySelectorAll(".tag-choices[data-filter-label]").forEach((box, n) => {
  const id = `tag-filter-${n}`;
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = box.dataset.filterLabel;
  const input = document.createElement("input");
  input.type = "search";
  input.id = id;
  input.autocomplete = "off";
  input.setAttribute("aria-controls", box.id);
  box.before(label, input);
  input.addEventListener("input", () => {
    const words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    box.querySelectorAll("li").forEach((line) => {
      const text = line.textContent.toLowerCase();
      const ticked = line.querySelector("input:checked");
      line.hidden = !ticked && !words.every((word) => text.includes(word));
    });
    box.querySelectorAll("fieldset").forEach((group) => {
      group.hidden = !group.querySelector("li:not([hidden])");
    });
  });
});
