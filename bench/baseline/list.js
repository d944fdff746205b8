// Shared by the baseline's list pages.
export const list = (items) => `<ol>${items.map((a) => `<li><a href="${a.url}">${a.data.title}</a> ${a.date.toISOString().slice(0, 10)}</li>`).join("")}</ol>`;
