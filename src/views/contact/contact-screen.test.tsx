// @vitest-environment jsdom
import { createRef } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { BillfoldClient } from '../../api/types.ts';
import type { AccountSummary, HumanContact } from '../../contract/index.ts';
import { loyalAccount } from '../../test-support/accounts.ts';
import { mount } from '../../test-support/mount.tsx';
import ContactScreen from './contact-screen.tsx';

const priya: HumanContact = {
  name: 'Priya Shah',
  role: 'Your account manager',
  photoUrl: 'https://cdn.example/priya.jpg',
  hours: 'Mon–Fri 9:00–17:30',
  channels: [
    { kind: 'email', value: 'priya@example.com' },
    { kind: 'phone', value: '+44 20 7946 0321', label: 'Direct line' },
    { kind: 'chat', value: 'https://example.com/chat' },
    { kind: 'chat', value: 'javascript:alert(1)', label: 'Bad chat' },
    { kind: 'post', value: 'Acme, 1 High St\nBath BA1 1AA' },
  ],
  callbackAvailable: true,
};

async function show(locale: string, account: AccountSummary, client: Partial<BillfoldClient> = {}) {
  const { root } = await mount(
    (store) => <ContactScreen store={store} route={{ view: 'contact' }} account={account} headingRef={createRef()} />,
    { locale, account, client },
  );
  return root;
}

describe('the contact screen', () => {
  it('shows the person with an https photo and every channel as a safe link', async () => {
    const root = await show('en', loyalAccount({ humanContact: priya }), {
      getContactDetails: async () => ({ value: { phone: '+44 7700 900123' } as never, etag: '"1"' }),
    });
    expect(root.querySelector('h2')?.textContent).toBe('Your contact at Fernhill Broadband');
    const photo = root.querySelector('img')!;
    expect(photo.getAttribute('src')).toBe('https://cdn.example/priya.jpg');
    expect(photo.getAttribute('alt')).toBe('Photo of Priya Shah');
    const links = [...root.querySelectorAll('.contact-channels a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([
      ['priya@example.com', 'mailto:priya@example.com'],
      ['+44 20 7946 0321', 'tel:+442079460321'],
      ['Open the chat (opens in a new tab)', 'https://example.com/chat'],
    ]);
    expect([...root.querySelectorAll('.contact-channel-kind')].map((k) => k.textContent)).toEqual(['Email', 'Direct line', 'Chat', 'Chat', 'Post']);
    // A "chat" that is not https and a postal address stay text.
    expect(root.textContent).toContain('javascript:alert(1)');
    expect(root.textContent).toContain('Acme, 1 High St');
    expect(root.querySelectorAll('a[href^="javascript"]')).toHaveLength(0);
    expect(root.textContent).toContain('Available Mon–Fri 9:00–17:30');
    // The call-back form, with the phone on file.
    await vi.waitFor(() => expect(root.querySelector<HTMLInputElement>('input[type=tel]')?.value).toBe('+44 7700 900123'));
    expect(root.querySelector<HTMLInputElement>('input[type=date]')?.min).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('shows no photo from a plain http address, and no call-back form when the merchant switched it off', async () => {
    const root = await show(
      'en',
      loyalAccount({ humanContact: { ...priya, photoUrl: 'http://cdn.example/priya.jpg' }, features: ['invoices'] }),
    );
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('form')).toBeNull();
  });

  it('explains when there is no named contact, in German', async () => {
    const root = await show('de', loyalAccount({ humanContact: null }));
    expect(root.textContent).toContain('Für Ihr Konto gibt es noch keinen persönlichen Kontakt.');
  });
});
