export function render(data) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${data.title ?? "Archive"}</title></head><body><main>${data.content}</main></body></html>`;
}
