// The benchmark's floor (`npm run bench`): what any billing portal must do at the least, with
// no framework, no validation and no translation. Billfold's figures are ratios to it.
//
// - `/bench/floor.html`: mint the same session token as the demo page, fetch the same
//   `/account`, write it with innerHTML and fire `billfold-ready` as the widget does.
// - `/bench/floor.html?lines=<invoiceId>`: mint a token, then wait; the bench calls
//   `window.billfoldFloor.lines(q)`, which fetches the first page of the invoice's lines (those
//   matching `q` when given) and writes it as an innerHTML table, resolving with the milliseconds
//   that took.
(() => {
  'use strict';

  const API = '/billing-api';
  const params = new URLSearchParams(location.search);
  const persona = params.get('persona') || 'loyal';
  const slot = document.getElementById('billing');
  const escape = (value) =>
    String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  const money = (m) => (m ? `${(m.amount / 100).toFixed(2)} ${escape(m.currency)}` : '');

  async function mint() {
    const response = await fetch('/demo/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona }),
    });
    return (await response.json()).token;
  }

  async function get(token, path) {
    const response = await fetch(`${API}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    return response.json();
  }

  async function account() {
    const token = await mint();
    const summary = await get(token, '/account');
    slot.innerHTML = `<h2>Hello, ${escape(summary.customer.name)}</h2>
<p>${escape(summary.merchant.name)}: ${escape(summary.status)}, balance ${money(summary.balance)}</p>
<ul>${summary.outstandingInvoices.map((i) => `<li>${escape(i.number)} ${money(i.amountDue)} due ${escape(i.dueDate)}</li>`).join('')}</ul>`;
    document.dispatchEvent(new Event('billfold-ready', { bubbles: true, composed: true }));
  }

  async function lines(invoiceId, token, q) {
    const started = performance.now();
    const query = q ? `?q=${encodeURIComponent(q)}` : '';
    const page = await get(token, `/invoices/${encodeURIComponent(invoiceId)}/lines${query}`);
    slot.innerHTML = `<table><caption>${page.matching} lines</caption>
<thead><tr><th scope="col">Description</th><th scope="col">Quantity</th><th scope="col">Unit price</th><th scope="col">Amount</th></tr></thead>
<tbody>${page.items
      .map(
        (l) =>
          `<tr><th scope="row">${escape(l.description)}</th><td>${escape(l.quantity)} ${escape(l.unit)}</td><td>${escape(l.unitAmountDecimal)}</td><td>${money(l.amount)}</td></tr>`,
      )
      .join('')}</tbody></table>`;
    // Written is not yet on screen: wait for the frame that paints it, as the widget's wait does.
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    return performance.now() - started;
  }

  const invoiceId = params.get('lines');
  if (invoiceId) {
    const token = mint();
    window.billfoldFloor = { lines: async (q) => lines(invoiceId, await token, q) };
  } else {
    void account();
  }
})();
