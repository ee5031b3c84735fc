import { roles } from '../../shared/actor.ts';
import { roleLabels } from '../../ui/role-labels.ts';

/** Links between the administration pages; the current one is marked for assistive technology. */
export function AdminNav(props: { current: '/admin/users' | '/admin/tokens' }) {
  const links = [
    { href: '/admin/users', label: 'Users' },
    { href: '/admin/tokens', label: 'API tokens' },
  ] as const;
  return (
    <nav aria-label="Administration">
      <ul class="usa-button-group">
        {links.map((link) => (
          <li class="usa-button-group__item" key={link.href}>
            <a
              class={link.href === props.current ? 'usa-button' : 'usa-button usa-button--outline'}
              href={link.href}
              aria-current={link.href === props.current ? 'page' : undefined}
            >
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A timestamp as people read it, in UTC (the server's clock; no time zone guessing). */
export function formatTime(iso: string | null): string {
  if (!iso) return 'Never';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export const roleOptions = roles.map((role) => ({ value: role, label: roleLabels[role] }));
