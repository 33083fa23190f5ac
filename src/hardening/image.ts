/** Image references: `[registry[:port]/]name[:tag][@digest]`. */
export interface ImageRef {
  name: string;
  tag?: string;
  digest?: string;
}

export function parseImageRef(text: string): ImageRef {
  let rest = text.trim();
  const ref: ImageRef = { name: rest };
  const at = rest.indexOf('@');
  if (at !== -1) {
    ref.digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  // A colon after the last slash is a tag; before it, a registry port.
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    ref.tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  ref.name = rest;
  return ref;
}
