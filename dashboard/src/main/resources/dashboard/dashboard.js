// The dashboard page: one snapshot per second over Server-Sent Events, and the chosen device's readings on demand.
'use strict';

const RULE_COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2'];
const SENSOR_COLOURS = ['#2563eb', '#16a34a', '#d97706', '#7c3aed'];
let selectedDevice = null;

const time = ms => new Date(ms).toLocaleTimeString();
const minuteLabel = ms => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const text = (id, value) => { document.getElementById(id).textContent = value; };

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (name === 'onclick') { node.onclick = value; } else { node.setAttribute(name, value); }
  });
  children.forEach(child => node.append(child));
  return node;
}

function barChart(id, stacked) {
  return new Chart(document.getElementById(id), {
    type: 'bar',
    data: { labels: [], datasets: [] },
    options: { animation: false, maintainAspectRatio: false,
      scales: { x: { stacked }, y: { stacked, beginAtZero: true, ticks: { precision: 0 } } } }
  });
}

const fraudChart = barChart('fraud-chart', true);
const viewsChart = barChart('views-chart', false);
const deviceChart = new Chart(document.getElementById('device-chart'), {
  type: 'line',
  data: { datasets: [] },
  options: { animation: false, maintainAspectRatio: false, parsing: false,
    scales: { x: { type: 'linear', ticks: { callback: value => time(value) } } } }
});

function renderHealth(apps) {
  const health = document.getElementById('health');
  health.replaceChildren(...apps.map(app => {
    const lag = app.lag == null ? '' : ` · lag ${Math.round(app.lag)}`;
    // the dead-letter series appears with the first dead letter: an app that answers without it has none
    const dlq = app.status === 'UNREACHABLE' ? '' : ` · DLQ ${Math.round(app.deadLetters || 0)}`;
    return element('span', { class: `app ${app.status}`, title: app.url }, `${app.app}: ${app.status}${lag}${dlq}`);
  }));
}

function renderFraud(fraud) {
  text('fraud-total', `${fraud.total} alerts`);
  fraudChart.data.labels = fraud.minutes.map(minuteLabel);
  fraudChart.data.datasets = Object.entries(fraud.perRule).map(([rule, counts], i) =>
    ({ label: rule, data: counts, backgroundColor: RULE_COLOURS[i % RULE_COLOURS.length] }));
  fraudChart.update();
  document.querySelector('#fraud-feed tbody').replaceChildren(...fraud.latest.map(alert => element('tr', {},
    element('td', {}, time(alert.eventTime)),
    element('td', {}, alert.cardId),
    element('td', {}, `${alert.amount.toFixed(2)} ${alert.currency}`),
    element('td', {}, alert.rules.join(', ')),
    element('td', {}, String(alert.riskScore)),
    element('td', {}, alert.reasons.join('; ')))));
}

function renderClickstream(clicks) {
  viewsChart.data.labels = clicks.minutes.map(minuteLabel);
  viewsChart.data.datasets = [{ label: 'page views per minute', data: clicks.views, backgroundColor: '#2563eb' }];
  viewsChart.update();
  const top = clicks.topPages;
  text('top-pages-window', top ? `${minuteLabel(top.windowStart)}–${minuteLabel(top.windowEnd)}` : 'no minute closed yet');
  document.getElementById('top-pages').replaceChildren(...(top ? top.pages : []).map(page =>
    element('li', {}, `${page.url} (${page.views})`)));
  const rate = (100 * clicks.conversionRate).toFixed(1);
  document.getElementById('sessions').replaceChildren(
    element('dt', {}, 'closed'), element('dd', {}, String(clicks.sessions)),
    element('dt', {}, 'converted'), element('dd', {}, `${clicks.converted} (${rate}%)`),
    element('dt', {}, 'bounced'), element('dd', {}, String(clicks.bounced)));
  const funnel = clicks.funnel;
  text('funnel-window', funnel ? `hour from ${minuteLabel(funnel.windowStart)}` : 'no hour closed yet');
  document.getElementById('funnel').replaceChildren(...(funnel ? [
    element('dt', {}, 'views'), element('dd', {}, String(funnel.views)),
    element('dt', {}, 'carts'), element('dd', {}, String(funnel.carts)),
    element('dt', {}, 'checkouts'), element('dd', {}, String(funnel.checkouts)),
    element('dt', {}, 'purchases'), element('dd', {}, String(funnel.purchases))] : []));
  text('bot-total', `${clicks.botAlertCount} in all`);
  document.getElementById('bot-alerts').replaceChildren(...clicks.botAlerts.map(bot =>
    element('li', {}, `${time(bot.detectedAt)} ${bot.userId}: ${bot.reason}`)));
}

function renderDevices(devices) {
  const byLocation = new Map();
  devices.forEach(device => {
    const location = device.location || 'unknown location';
    if (!byLocation.has(location)) { byLocation.set(location, []); }
    byLocation.get(location).push(device);
  });
  document.getElementById('device-grid').replaceChildren(...[...byLocation].map(([location, list]) =>
    element('div', { class: 'location' }, element('span', {}, location), ...list.map(device => {
      const state = device.online ? 'online' : 'offline';
      const selected = device.deviceId === selectedDevice ? ' selected' : '';
      const tile = element('button', { class: `device ${state}${selected}`, 'data-device': device.deviceId,
        title: device.lastAlert ? `last alert ${device.lastAlert} at ${time(device.lastAlertAt)}` : 'no alert',
        onclick: () => { selectedDevice = device.deviceId; loadDevice(); } }, device.deviceId);
      if (device.lastAlert) { tile.append(element('span', { class: 'alert' }, ` ⚠ ${device.lastAlert}`)); }
      return tile;
    }))));
}

async function loadDevice() {
  if (!selectedDevice) { return; }
  const response = await fetch(`/api/devices/${encodeURIComponent(selectedDevice)}`);
  if (!response.ok) { return; }
  const detail = await response.json();
  text('device-title', `${detail.device.deviceId} (${detail.device.location || 'unknown location'}):`
    + ` ${detail.device.online ? 'online' : 'OFFLINE'}`);
  const sensors = Object.entries(detail.readings).map(([sensor, points], i) => ({
    label: sensor, data: points.map(p => ({ x: p.time, y: p.value })), borderColor: SENSOR_COLOURS[i % SENSOR_COLOURS.length],
    pointRadius: 0, borderWidth: 1.5 }));
  const marked = detail.alerts.filter(alert => alert.value != null);
  sensors.push({ label: 'alerts', type: 'scatter', data: marked.map(alert => ({ x: alert.time, y: alert.value })),
    backgroundColor: '#dc2626', pointRadius: 6, pointStyle: 'triangle' });
  deviceChart.data.datasets = sensors;
  deviceChart.update();
}

function render(snapshot) {
  renderHealth(snapshot.apps);
  renderFraud(snapshot.fraud);
  renderClickstream(snapshot.clickstream);
  renderDevices(snapshot.devices);
  const banner = document.getElementById('stale-banner');
  banner.hidden = !snapshot.stale;
  banner.textContent = snapshot.stale ? `Data may be stale: ${snapshot.stale}` : '';
  text('updated-at', snapshot.lastRecordAt ? `last record ${time(snapshot.lastRecordAt)}` : 'no output read yet');
}

function connect() {
  const events = new EventSource('/events');
  events.onopen = () => text('connection', 'live');
  events.onmessage = message => render(JSON.parse(message.data));
  // the browser reconnects by itself; meanwhile the page says so
  events.onerror = () => text('connection', 'reconnecting to the dashboard…');
}

connect();
setInterval(loadDevice, 2000);
