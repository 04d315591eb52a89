// The addresses of this talk's pages, with the token this page was opened with.
"use strict";

(async () => {
  const data = await Present.talk(null);
  const list = document.getElementById("pages");
  const pages = document.body.dataset.follow ? [] : [["/screen", "The screen (the laptop on the projector)"]];
  for (const [id, label] of Object.entries(data.speakers)) pages.push(["/p/" + id, label + "'s lines"]);
  pages.push(["/time", "The timekeeper"]);
  for (const [path, label] of pages) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = Present.address(path);
    link.textContent = label;
    item.append(link);
    list.append(item);
  }
})();
