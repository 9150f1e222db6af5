-- Quality measures of raw records are kept as the doubles they arrive as (JSON numbers): they travel in binary and
-- need no numeric conversion per record. The poor-call flag is decided on ingest; queue waits stay numeric (summed).
alter table call_record
    alter column mos type double precision,
    alter column packet_loss_pct type double precision,
    alter column jitter_ms type double precision,
    alter column latency_ms type double precision;
