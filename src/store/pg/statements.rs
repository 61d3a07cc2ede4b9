//! Prepared statements, kept for the connection's life. rust-postgres prepares a statement
//! given as text on every call (a round trip of its own), which doubled the store's time
//! per message. Each store has one thread with one connection, so the cache is the
//! thread's; a new connection starts it afresh ([`forget`]).

use std::cell::RefCell;
use std::collections::HashMap;

use postgres::types::ToSql;
use postgres::{Error, GenericClient, Row, Statement};

thread_local! {
    static PREPARED: RefCell<HashMap<String, Statement>> = RefCell::new(HashMap::new());
}

/// Drops the statements of a connection that is gone.
pub fn forget() {
    PREPARED.with(|p| p.borrow_mut().clear());
}

type Params<'a> = &'a [&'a (dyn ToSql + Sync)];

/// The cached counterparts of [`GenericClient`]'s query methods, for clients and
/// transactions alike.
pub trait Cached: GenericClient {
    fn statement(&mut self, sql: &str) -> Result<Statement, Error> {
        if let Some(known) = PREPARED.with(|p| p.borrow().get(sql).cloned()) {
            return Ok(known);
        }
        let prepared = self.prepare(sql)?;
        PREPARED.with(|p| p.borrow_mut().insert(sql.to_owned(), prepared.clone()));
        Ok(prepared)
    }

    fn query_cached(&mut self, sql: &str, params: Params) -> Result<Vec<Row>, Error> {
        let statement = self.statement(sql)?;
        self.query(&statement, params)
    }

    fn query_one_cached(&mut self, sql: &str, params: Params) -> Result<Row, Error> {
        let statement = self.statement(sql)?;
        self.query_one(&statement, params)
    }

    fn query_opt_cached(&mut self, sql: &str, params: Params) -> Result<Option<Row>, Error> {
        let statement = self.statement(sql)?;
        self.query_opt(&statement, params)
    }

    fn execute_cached(&mut self, sql: &str, params: Params) -> Result<u64, Error> {
        let statement = self.statement(sql)?;
        self.execute(&statement, params)
    }
}

impl<C: GenericClient> Cached for C {}
