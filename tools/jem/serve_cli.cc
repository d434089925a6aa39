// `jem serve`: the HTTP API on the data directory, until SIGTERM or SIGINT, which stop it
// gracefully: no new connections, in-flight requests finished, the views' snapshot saved, log closed.
// With --reminders, the reminder engine runs beside it on its own Boost.Asio thread.
#include <csignal>
#include <iostream>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "api/client_address.h"
#include "api/server/server.h"
#include "engine/reminders/email.h"
#include "engine/reminders/scheduler.h"
#include "engine/reminders/webhook.h"
#include "tools/jem/keys.h"
#include "tools/jem/command_cli.h"

namespace jem::cli {
namespace {

struct ReminderFlags {
  std::string policy, outbox, webhooks, mail_from = reminders::MailSettings().from, site;
};

// The reminder engine and what it runs on: started with the server, stopped before it.
class ReminderEngine {
 public:
  static Result<std::unique_ptr<ReminderEngine>> Start(Log& log, const LiveModel& views, reminders::Policy policy,
                                                       const ReminderFlags& flags, const std::string& site) {
    std::unique_ptr<ReminderEngine> r(new ReminderEngine);
    JEM_ASSIGN_OR_RETURN(auto endpoints, reminders::ReadWebhooksFile(flags.webhooks));
    reminders::SchedulerOptions options{std::move(policy), reminders::PublicPart(endpoints)};
    JEM_ASSIGN_OR_RETURN(auto identity, reminders::LogIdentity(log));
    r->email_ = std::make_unique<reminders::EmailOutbox>(
        reminders::MailSettings{flags.outbox, flags.mail_from, site, identity});
    r->webhooks_ = std::make_unique<reminders::WebhookSender>(std::move(endpoints), RealClock(), identity);
    options.email = r->email_.get();
    options.webhooks = r->webhooks_.get();
    JEM_ASSIGN_OR_RETURN(r->scheduler_, reminders::Scheduler::Create(log, RealClock(), views, std::move(options), r->io_));
    r->scheduler_->Start();
    r->thread_ = std::thread([io = &r->io_] { io->run(); });
    return r;
  }
  ~ReminderEngine() {
    work_.reset();
    io_.stop();
    if (thread_.joinable()) thread_.join();
  }

 private:
  ReminderEngine() = default;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{io_.get_executor()};
  std::unique_ptr<reminders::EmailOutbox> email_;
  std::unique_ptr<reminders::WebhookSender> webhooks_;
  std::unique_ptr<reminders::Scheduler> scheduler_;  // destroyed first: disarms its alarm
  std::thread thread_;
};

// The checkpoints' keys, read into the server's options.
struct CheckpointFlags {
  std::string log_key;
  int every_seconds = 10;
  std::vector<std::string> witnesses;

  Status Apply(api::ServerOptions& options) const {
    if (log_key.empty()) {
      if (!witnesses.empty()) return Status::InvalidArgument("--witness-key needs --checkpoint-key");
      return Status::Ok();
    }
    JEM_ASSIGN_OR_RETURN(options.checkpoint_key, ReadSigner(log_key));
    options.checkpoint_every = std::chrono::seconds(every_seconds);
    for (const std::string& path : witnesses) {
      JEM_ASSIGN_OR_RETURN(auto witness, ReadVerifier(path));
      if (witness.kind() != proofs::KeyKind::kCosigner) {
        return Status::InvalidArgument(path + " is not a witness's key (make one with `jem audit keygen --witness`)");
      }
      options.witnesses.push_back(std::move(witness));
    }
    return Status::Ok();
  }
};

int Serve(const Globals& g, api::ServerOptions options, const ReminderFlags& reminder_flags) {
  // Block the stop signals in every thread; one thread waits for them with sigwait.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  // The preview follows the engine's policy; links leave the pages at the public address.
  auto policy = reminders::ReadPolicyFile(reminder_flags.policy);
  if (!policy.ok()) return Fail(policy.status());
  options.reminder_policy = *policy;
  options.site = reminder_flags.site;
  auto log = OpenLog(g, true);
  if (!log) return kExitError;
  auto views = LiveModel::Start(*log);
  if (!views.ok()) return Fail(views.status());
  api::Server server(*log, RealClock(), **views, options);
  auto bound = server.Bind();
  if (!bound.ok()) return Fail(bound.status());
  const std::string site = "http://" + options.host + ":" + std::to_string(*bound);
  std::unique_ptr<ReminderEngine> reminder_engine;
  if (!reminder_flags.outbox.empty()) {
    auto started = ReminderEngine::Start(*log, **views, options.reminder_policy, reminder_flags,
                                         reminder_flags.site.empty() ? site : reminder_flags.site);
    if (!started.ok()) return Fail(started.status());
    reminder_engine = std::move(*started);
    std::cout << "reminders are on: e-mail to " << reminder_flags.outbox
              << (reminder_flags.webhooks.empty() ? "" : ", webhooks of " + reminder_flags.webhooks) << std::endl;
  }
  std::cout << "jem is serving the log in " << g.data_dir << " at " << site << "/" << std::endl;
  std::thread stopper([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    std::cerr << "jem: stopping (signal " << signal << ")\n";
    server.Stop();
  });
  server.Run();
  reminder_engine.reset();  // before the views it reads
  // Run returned on its own (not through a signal): wake the stopper so it can be joined.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app, Globals& g) {
  auto f = std::make_shared<api::ServerOptions>();
  auto r = std::make_shared<ReminderFlags>();
  auto* serve = app.add_subcommand("serve", "serve the HTTP API until SIGTERM or SIGINT");
  serve->add_option("--host", f->host, "address to listen on")->capture_default_str();
  serve->add_option("--port", f->port, "port to listen on (0: any free one)")
      ->capture_default_str()->check(CLI::Range(0, 65535));
  serve->add_option("--rate", f->requests_per_second, "requests per second allowed per token")
      ->capture_default_str()->check(CLI::PositiveNumber);
  serve->add_option("--burst", f->request_burst, "requests a token may make at once")
      ->capture_default_str()->check(CLI::PositiveNumber);
  serve->add_option("--trusted-proxy", f->trusted_proxies,
                    "address of a reverse proxy whose X-Forwarded-For is believed (repeatable)")
      ->check(CLI::Validator(
          [](std::string& s) { return api::IsIpAddress(s) ? "" : s + " is not an IP address"; }, "ADDRESS"));
  serve->add_option("--assets", f->assets_dir, "directory of the pages' static files (the build's by default)")
      ->check(CLI::ExistingDirectory);
  serve->add_option("--max-connections", f->connections.max_workers,
                    "connections served at once; past them, idle ones are closed to make room")
      ->capture_default_str()->check(CLI::Range(1, 4096));
  serve->add_option("--max-streams", f->streams.total, "event streams open at once")
      ->capture_default_str()->check(CLI::Range(0, 4096));
  serve->add_option("--max-streams-per-role", f->streams.per_role,
                    "event streams the callers of one role (officers, partners, auditors) may hold open together")
      ->capture_default_str()->check(CLI::Range(0, 4096));
  serve->add_option("--max-streams-per-token", f->streams.per_token, "event streams one token may hold open")
      ->capture_default_str()->check(CLI::Range(0, 4096));
  serve->add_option("--outbox", r->outbox, "turns reminders on: the directory their e-mails (.eml files) go to");
  serve->add_option("--reminders", r->policy, "the reminder policy file (default: every setting's default)")
      ->check(CLI::ExistingFile);
  serve->add_option("--webhooks", r->webhooks, "the webhook endpoints file, with their secrets (kept out of the log)")
      ->check(CLI::ExistingFile);
  serve->add_option("--mail-from", r->mail_from, "the sender of reminder e-mails")->capture_default_str();
  serve->add_option("--site", r->site, "the pages' address, for links in reminders (default: the one served)");
  auto keys = std::make_shared<CheckpointFlags>();
  serve->add_option("--checkpoint-key", keys->log_key,
                    "the log's private key (jem audit keygen): signs checkpoints, served at /checkpoint")
      ->check(CLI::ExistingFile);
  serve->add_option("--checkpoint-every", keys->every_seconds, "seconds between checkpoints while the log grows")
      ->capture_default_str()->check(CLI::Range(1, 86400));
  serve->add_option("--witness-key", keys->witnesses,
                    "a witness's verifier key file, whose cosignatures are kept (repeatable)")
      ->check(CLI::ExistingFile);
  serve->callback([&g, f, r, keys] {
    if (Status s = keys->Apply(*f); !s.ok()) {
      g.exit_code = Fail(s);
      return;
    }
    if (r->outbox.empty() && (!r->policy.empty() || !r->webhooks.empty())) {
      g.exit_code = Fail(Status::InvalidArgument("--reminders and --webhooks need --outbox, which turns reminders on"));
      return;
    }
    g.exit_code = Serve(g, *f, *r);
  });
}

}  // namespace jem::cli
