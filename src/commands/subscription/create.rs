//! `mailconn subscription create`.

use crate::error::{Failure, Result};

use super::{credentials, identified, records, until};
use crate::commands::Context;
use crate::commands::session::{block_on, open};
use crate::commands::setting_args::SettingArgs;
use crate::output::{Render, Table, TableStyle};
use crate::webhook::manage::{Manager, Spec};
use crate::webhook::records::Record;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where Graph posts notifications: https (plain http only on loopback, for tests). It
    /// must answer Graph's validation request within 10 s (`mailconn webhook serve` and
    /// `mailconn serve` do).
    #[arg(long, value_name = "URL")]
    notification_url: String,

    /// Where Graph posts lifecycle events (reauthorization, removal, missed notifications);
    /// cannot be added later. The receiver's URL again is fine.
    #[arg(long, value_name = "URL")]
    lifecycle_url: Option<String>,

    /// Override the profile's settings for this subscription (e.g. another folder).
    #[command(flatten)]
    settings: SettingArgs,
}

struct Created(Record);

impl serde::Serialize for Created {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl Render for Created {
    fn human(&self, style: TableStyle) -> String {
        let r = &self.0;
        let mut table = Table::new(style, &["FIELD", "VALUE"]);
        table.row(["id".to_owned(), r.id.clone()]);
        table.row(["mailbox".to_owned(), r.mailbox_shown().to_owned()]);
        table.row(["folder".to_owned(), r.folder.clone()]);
        table.row(["notification url".to_owned(), r.notification_url.clone()]);
        table.row([
            "lifecycle url".to_owned(),
            r.lifecycle_url.clone().unwrap_or_else(|| "-".into()),
        ]);
        table.row([
            "expires".to_owned(),
            format!(
                "{} (in {})",
                r.expiration.format("%Y-%m-%d %H:%M:%SZ"),
                until(r.expiration, chrono::Utc::now())
            ),
        ]);
        table.row([
            "clientState".to_owned(),
            match r.client_state_store {
                Some(store) => format!("kept in the {store}"),
                None => "only its SHA-256 digest is kept, in the shared store".into(),
            },
        ]);
        format!("Subscription created (Graph validated the endpoint)\n{table}")
    }
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    let warn = |message: &str| ctx.printer.warn(message);
    let session = open(ctx, args.settings.clone().into(), &warn)?;
    let credentials = credentials(&session)?;
    let settings = session.settings();
    let records = records(credentials, &session)?;
    let record = block_on(async {
        let graph = session.graph().await?;
        let mailbox = identified(&session, &graph, &records, &warn).await?;
        let spec = Spec {
            mailbox: mailbox.key,
            mailbox_address: Some(mailbox.address),
            folder: settings.folder.value.clone(),
            notification_url: args.notification_url,
            lifecycle_url: args.lifecycle_url,
        };
        let manager = Manager {
            graph: &graph,
            credentials,
            records: &records,
            http: session.http(),
        };
        Ok::<_, Failure>(manager.create(&spec).await?)
    })??;
    ctx.printer.data(&Created(record))
}
