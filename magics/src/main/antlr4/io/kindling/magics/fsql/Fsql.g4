/*
 * The %%fsql language: a cell is a sequence of statements in the spirit of Fugue SQL, written for
 * Kindling (not derived from Fugue's grammar). SELECT statements are captured as a span of tokens and
 * handed whole to Spark's own parser; only the statements around them are parsed here.
 *
 * Statements are separated by ';' or by a line that starts a statement (see FsqlBoundaries):
 *   per_snapshot = SELECT region, count(*) AS n FROM top GROUP BY region
 *   PRINT 20 ROWS FROM per_snapshot ROWCOUNT TITLE "per snapshot"
 *   YIELD DATAFRAME AS per_snapshot
 * Keywords are case-insensitive.
 */
grammar Fsql;

options { caseInsensitive = true; }

// One statement: FsqlCell cuts the cell into statements first (at ';' and at lines FsqlBoundaries says start
// one), so each parses alone and a mistake is reported where it is.
singleStatement
    : statement EOF
    ;

statement
    : (target=identifier EQ)? step
    ;

step
    : query                                                                       #selectStep
    | LOAD fileFormat? path=STRING optionList? (COLUMNS columns=schema)?             #loadStep
    | SAVE (AND USE)? from=identifier? saveMode? SINGLE? fileFormat? path=STRING optionList?   #saveStep
    | PRINT (rows=NUMBER (ROWS | ROW))? (FROM from=tableName)? ROWCOUNT? (TITLE title=STRING)?   #printStep
    | YIELD (local=LOCAL? DATAFRAME | FILE) (AS name=identifier)?               #yieldStep
    | TAKE (rows=NUMBER (ROWS | ROW))? (FROM from=tableName)? prepartition? presort?   #takeStep
    | SAMPLE REPLACE? (rows=NUMBER (ROWS | ROW) | percent=NUMBER PERCENT) (SEED seed=NUMBER)? (FROM from=tableName)?   #sampleStep
    | DROP ROWS IF (ANY | ALL) (NULL | NULLS) (ON columnList)? (FROM from=tableName)?     #dropRowsStep
    | DROP COLUMNS columnList (IF EXISTS)? (FROM from=tableName)?               #dropColumnsStep
    | FILL NULLS PARAMS? pairList (FROM from=tableName)?                        #fillNullsStep
    | RENAME COLUMNS pairList (FROM from=tableName)?                            #renameColumnsStep
    | ALTER COLUMNS pairList (FROM from=tableName)?                             #alterColumnsStep
    | DISTINCT (FROM from=tableName)?                                           #distinctStep
    | action=(PERSIST | BROADCAST | CHECKPOINT) from=identifier?                 #markStep
    | out=OUTTRANSFORM from=identifier? (prepartition presort?)? USING function=identifier optionList?   #outTransformStep
    | ZIP frames+=tableName (COMMA frames+=tableName)+ how=zipHow? (BY columnList)? howAfter=zipHow? presort?   #zipStep
    | TRANSFORM from=identifier? (prepartition presort?)? USING function=identifier optionList? (SCHEMA columns=schema)?   #transformStep
    ;

// A SELECT (CTEs, joins, windows, set operations ...): the statement's tokens, parentheses balanced.
// TABLE a UNION ALL TABLE b is Spark's short form of SELECT * FROM a UNION ALL SELECT * FROM b.
query
    : (SELECT | WITH | TABLE | LPAREN balanced* RPAREN) queryPart*
    ;

queryPart
    : LPAREN balanced* RPAREN
    | ~(LPAREN | RPAREN | SEMI)
    ;

balanced
    : LPAREN balanced* RPAREN
    | ~(LPAREN | RPAREN)
    ;

fileFormat
    : PARQUET | CSV | JSON
    ;

// How ZIP matches the groups of its dataframes, as a join does.
zipHow
    : INNER | LEFT OUTER | RIGHT OUTER | FULL OUTER | CROSS
    ;

saveMode
    : OVERWRITE | APPEND | TO
    ;

// (header = true, delimiter = "|") or (header: true)
optionList
    : LPAREN optionPair (COMMA optionPair)* RPAREN
    ;

optionPair
    : key=optionKey (EQ | COLON) value=literal
    ;

optionKey
    : identifier (DOT identifier)*
    | STRING
    ;

literal
    : STRING | NUMBER | MINUS NUMBER | identifier | NULL
    ;

prepartition
    : PREPARTITION BY columnList
    ;

presort
    : PRESORT sortKey (COMMA sortKey)*
    ;

sortKey
    : identifier (ASC | DESC)?
    ;

columnList
    : identifier (COMMA identifier)*
    ;

// A dataframe of the cell, a notebook table, or a catalog table (db.table).
tableName
    : identifier (DOT identifier)*
    ;

// a:int, b:str  (FILL NULLS a:0; RENAME COLUMNS a:b; ALTER COLUMNS a:double)
pairList
    : pair (COMMA pair)*
    ;

pair
    : column=identifier COLON value=literal
    ;

// A schema expression such as *,c:int or a:int,b:[str]: the statement's remaining tokens, checked where it is used.
schema
    : schemaPart+
    ;

schemaPart
    : LPAREN balanced* RPAREN
    | ~(LPAREN | RPAREN | SEMI)
    ;

identifier
    : IDENT | BACKQUOTED
    | CSV | JSON | PARQUET | TITLE | SEED | PARAMS | PERCENT | SINGLE | REPLACE | ANY
    | ZIP | INNER | LEFT | RIGHT | FULL | OUTER | CROSS | TABLE
    ;

// Keywords of the statements above; inside a SELECT they are ordinary tokens.
SELECT: 'SELECT';
TABLE: 'TABLE';
WITH: 'WITH';
FROM: 'FROM';
LOAD: 'LOAD';
SAVE: 'SAVE';
AND: 'AND';
USE: 'USE';
PRINT: 'PRINT';
ROWS: 'ROWS';
ROW: 'ROW';
ROWCOUNT: 'ROWCOUNT';
TITLE: 'TITLE';
YIELD: 'YIELD';
LOCAL: 'LOCAL';
DATAFRAME: 'DATAFRAME';
FILE: 'FILE';
AS: 'AS';
TAKE: 'TAKE';
SAMPLE: 'SAMPLE';
REPLACE: 'REPLACE';
PERCENT: 'PERCENT';
SEED: 'SEED';
DROP: 'DROP';
IF: 'IF';
ANY: 'ANY';
ALL: 'ALL';
NULL: 'NULL';
NULLS: 'NULLS';
ON: 'ON';
COLUMNS: 'COLUMNS';
EXISTS: 'EXISTS';
FILL: 'FILL';
PARAMS: 'PARAMS';
RENAME: 'RENAME';
ALTER: 'ALTER';
DISTINCT: 'DISTINCT';
PERSIST: 'PERSIST';
BROADCAST: 'BROADCAST';
CHECKPOINT: 'CHECKPOINT';
TRANSFORM: 'TRANSFORM';
ZIP: 'ZIP';
INNER: 'INNER';
LEFT: 'LEFT';
RIGHT: 'RIGHT';
FULL: 'FULL';
OUTER: 'OUTER';
CROSS: 'CROSS';
OUTTRANSFORM: 'OUTTRANSFORM';
PREPARTITION: 'PREPARTITION';
BY: 'BY';
PRESORT: 'PRESORT';
ASC: 'ASC';
DESC: 'DESC';
USING: 'USING';
SCHEMA: 'SCHEMA';
PARQUET: 'PARQUET';
CSV: 'CSV';
JSON: 'JSON';
OVERWRITE: 'OVERWRITE';
APPEND: 'APPEND';
TO: 'TO';
SINGLE: 'SINGLE';
UNION: 'UNION';
INTERSECT: 'INTERSECT';
EXCEPT: 'EXCEPT';
MINUS_KW: 'MINUS';

// {{name}}: Fugue's raw template; accepted only where it renders an identifier.
TEMPLATE: '{{' [A-Z_] [A-Z0-9_]* '}}';
// {name} or {name:identifier}: a notebook value bound as a typed literal, or a validated identifier.
PARAMETER: '{' [A-Z_$] [A-Z0-9_$]* (':' 'IDENTIFIER')? '}';

STRING
    : '\'' (~['\\] | '\\' .)* '\''
    | '"' (~["\\] | '\\' .)* '"'
    ;
BACKQUOTED: '`' (~'`' | '``')* '`';
NUMBER
    : [0-9]+ ('.' [0-9]*)? ([E] [+-]? [0-9]+)? [A-Z]*
    | '.' [0-9]+ ([E] [+-]? [0-9]+)? [A-Z]*
    ;
IDENT: [A-Z_] [A-Z0-9_$]*;

EQ: '=';
LPAREN: '(';
RPAREN: ')';
COMMA: ',';
SEMI: ';';
DOT: '.';
COLON: ':';
MINUS: '-';

LINE_COMMENT: '--' ~[\n]* -> channel(HIDDEN);
BLOCK_COMMENT: '/*' .*? '*/' -> channel(HIDDEN);
WS: [ \t\r\n]+ -> channel(HIDDEN);
// Any other character (operators, brackets) is an ordinary token of a SELECT.
OTHER: .;
