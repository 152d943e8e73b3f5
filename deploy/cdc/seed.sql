-- Sample rows for scripts/run-local.sh --cdc: the devices the generator's sensors report from, and one blocked
-- merchant. Re-running it leaves rows that exist as they are.
INSERT INTO devices (device_id, location, thresholds) VALUES
    ('dev-0001', 'hall-A/line-1', '{"temperature": {"min": 5, "max": 80}, "humidity": {"max": 90}}'),
    ('dev-0002', 'hall-A/line-2', '{"temperature": {"min": 5, "max": 80}}'),
    ('dev-0003', 'cold-room-1',   '{"temperature": {"min": -30, "max": 8}}')
ON CONFLICT (device_id) DO NOTHING;

INSERT INTO blocklist (entry_key, reason) VALUES
    ('merchant:m-0666', 'chargeback ring, case 2026-118')
ON CONFLICT (entry_key) DO NOTHING;
