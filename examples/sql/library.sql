-- The example library of examples/sql: a few authors and their books. H2 runs this each time a connection opens
-- (INIT in the URL), so it only creates and fills what is not there yet. Plain SQL: PostgreSQL runs it too.
CREATE TABLE IF NOT EXISTS authors (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, born INT);
CREATE TABLE IF NOT EXISTS books (id INT PRIMARY KEY, author_id INT NOT NULL REFERENCES authors(id),
    title VARCHAR(200) NOT NULL, published INT, pages INT);
INSERT INTO authors SELECT * FROM (VALUES (1, 'Ada Lovelace', 1815), (2, 'Alan Turing', 1912),
    (3, 'Grace Hopper', 1906)) AS v WHERE NOT EXISTS (SELECT 1 FROM authors);
INSERT INTO books SELECT * FROM (VALUES
    (1, 1, 'Notes on the Analytical Engine', 1843, 70),
    (2, 2, 'On Computable Numbers', 1936, 36),
    (3, 2, 'Computing Machinery and Intelligence', 1950, 27),
    (4, 3, 'The Education of a Computer', 1952, 12)) AS v WHERE NOT EXISTS (SELECT 1 FROM books);
