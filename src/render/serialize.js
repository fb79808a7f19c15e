// [the document's URL, the document as the scripts left it], open shadow roots included (written
// as <template shadowrootmode="open">, as Google flattens them); closed
// shadow roots cannot be read, and frames are documents of their own.
(() => {
  const roots = [];
  const collect = (node) => {
    for (const element of node.querySelectorAll('*')) {
      if (element.shadowRoot) {
        roots.push(element.shadowRoot);
        collect(element.shadowRoot);
      }
    }
  };
  collect(document);
  const html = document.documentElement;
  if (!html) return [location.href, ''];
  const inner = typeof html.getHTML === 'function' ? html.getHTML({ shadowRoots: roots }) : html.innerHTML;
  return [location.href, '<html>' + inner + '</html>'];
})()
