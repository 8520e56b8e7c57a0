-- The catalogue sells only what the product has: there are no API keys for
-- other systems yet (outgoing webhooks only) and no priority-support desk.
update plans set features = array_remove(array_remove(features, 'api'), 'priority_support');
