-- The sidebar's counts (data/sql/0012-inbox.sql).
SELECT inbox, overdue, mine FROM homeward.inbox_counts()
