-- Version 3: a revoked device's wipe order, sealed by the device that revoked it (opaque to the server).
ALTER TABLE devices ADD COLUMN wipe_order bytea;
