fn main() -> std::process::ExitCode {
    mailconn::run()
}
