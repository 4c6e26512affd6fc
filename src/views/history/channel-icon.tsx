import type { Channel } from '../../contract/index.ts';

// One simple outline per channel (24×24, stroked with the text colour). Decorative: the channel
// is always written next to it.
const PATHS: Record<Channel, string> = {
  email: 'M3 6h18v12H3z M3 6l9 7 9-7',
  sms: 'M4 5h16v11H9l-5 4z M8 10h8 M8 13h5',
  post: 'M4 4h16v16H4z M8 9h8 M8 13h8 M8 17h5',
  phone: 'M6 3h4l2 5-3 2a12 12 0 0 0 5 5l2-3 5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 4 5a2 2 0 0 1 2-2z',
  portal: 'M3 5h18v14H3z M3 9h18 M6 7h1 M9 7h1',
  chat: 'M4 4h16v12H10l-6 4z',
};

/** The icon of a channel, hidden from assistive technology (the label says it). */
export function ChannelIcon({ channel }: { channel: Channel }) {
  return (
    <svg class="channel-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      <path d={PATHS[channel]} fill="none" stroke="currentColor" stroke-width="1.75" stroke-linejoin="round" stroke-linecap="round" />
    </svg>
  );
}
