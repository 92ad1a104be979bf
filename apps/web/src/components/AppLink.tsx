import { Link } from '@navikt/ds-react';
import type { MouseEvent, ReactNode } from 'react';

/** A link inside the app: a real href (a new tab, a copied address work), followed without reloading the page. */
export function AppLink({ to, navigate, children }: { to: string; navigate(path: string): void; children: ReactNode }) {
  const follow = (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <Link href={to} onClick={follow}>
      {children}
    </Link>
  );
}
