"""PostgreSQL triggers that make the database fail in the middle of a submission (no mocks:
the server itself drops the connection or cancels the statement), and the SQL that
removes them again. Shared by the outage tests and their browser test."""

# Ends the server process of whoever inserts answers: the connection is gone mid-transaction,
# after the response row was written and before its answers are.
KILL_ON_ANSWER_INSERT = """
CREATE FUNCTION test_drop_connection() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_terminate_backend(pg_backend_pid());
    RETURN NULL;
END $$;
CREATE TRIGGER test_drop_connection BEFORE INSERT ON questionnaire_answer
    FOR EACH STATEMENT EXECUTE FUNCTION test_drop_connection();
"""
CANCEL_ON_ANSWER_INSERT = """
CREATE FUNCTION test_drop_connection() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'cancelled by a test' USING ERRCODE = 'query_canceled';
END $$;
CREATE TRIGGER test_drop_connection BEFORE INSERT ON questionnaire_answer
    FOR EACH STATEMENT EXECUTE FUNCTION test_drop_connection();
"""
DROP_KILLER = """
DROP TRIGGER IF EXISTS test_drop_connection ON questionnaire_answer;
DROP FUNCTION IF EXISTS test_drop_connection();
"""
