// SPDX-License-Identifier: Apache-2.0
#include "http/console_server.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/ThreadPool.h>

#include "http/admin_api.h"
#include "http/static_assets.h"

namespace jamul::console {
namespace {

bool startsWith(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

struct Handlers {
  AgentApi agent_api;
  AdminApi admin_api;
  std::int64_t timeout_ms;
  LogFn log;
};

class RequestHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit RequestHandler(Handlers& handlers) : handlers_(handlers) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    try {
      serve(request, response);
    } catch (const std::exception& e) {
      handlers_.log(std::string("request failed: ") + e.what());
      sendReply(response, errorReply(Error(ErrorCode::kInternal, "internal error")), true);
    }
  }

 private:
  void serve(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    const std::string& uri = request.getURI();
    const std::string path = uri.substr(0, uri.find('?'));
    const bool agent = startsWith(path, "/api/v1/");
    const bool admin = startsWith(path, "/api/admin/");
    const std::size_t limit = agent ? AgentApi::maxBody(path) : std::size_t{64} << 10;
    auto read = readRequest(request, limit, handlers_.timeout_ms);
    if (!read) {
      const ErrorCode code = read.error().code();
      const int status = code == ErrorCode::kTooLarge ? 413 : code == ErrorCode::kUnavailable ? 408 : 400;
      // The rest of the body was not read: the connection cannot carry another request.
      sendReply(response, errorReply(read.error(), status), true);
      return;
    }
    HttpReply reply;
    if (agent) {
      reply = handlers_.agent_api.handle(*read);
    } else if (admin) {
      reply = handlers_.admin_api.handle(*read);
      bool has_cache = false;
      for (const auto& h : reply.headers) has_cache = has_cache || h.first == "Cache-Control";
      if (!has_cache) reply.headers.emplace_back("Cache-Control", "no-store");
    } else if (read->method == "GET" || read->method == "HEAD") {
      reply = staticReply(*read);
    } else {
      reply = errorReply(Error(ErrorCode::kInvalidArgument, "method not allowed"), 405);
    }
    if (reply.status == 500) handlers_.log("internal error on " + path);
    sendReply(response, reply);
  }

  Handlers& handlers_;
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit HandlerFactory(Handlers& handlers) : handlers_(handlers) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new RequestHandler(handlers_);
  }

 private:
  Handlers& handlers_;
};

Result<Poco::Net::Context::Ptr> tlsContext(const ServerOptions& options) {
  try {
    Poco::Net::Context::Params params;
    params.privateKeyFile = options.key_file;
    params.certificateFile = options.cert_file;
    params.verificationMode = Poco::Net::Context::VERIFY_NONE;
    params.loadDefaultCAs = false;
    params.cipherList = "ECDHE+AESGCM:ECDHE+CHACHA20:DHE+AESGCM:!aNULL:!MD5:!DSS";
    Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::SERVER_USE, params);
    context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                              Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
    context->enableSessionCache(true, "jamul-console");
    return context;
  } catch (const Poco::Exception& e) {
    return Error(ErrorCode::kCorrupt, "TLS certificate or key: " + e.displayText(), options.cert_file);
  }
}

}  // namespace

struct ConsoleServer::Impl {
  Impl(ConsoleContext& context, const LogFn& log)
      : handlers{AgentApi(context, log), AdminApi(context, log),
                 context.settings.request_timeout_ms, log} {}
  Handlers handlers;
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  bool stopped = false;
};

ConsoleServer::ConsoleServer(std::unique_ptr<Impl> impl, std::uint16_t port)
    : impl_(std::move(impl)), port_(port) {}

ConsoleServer::~ConsoleServer() {
  stop();
  Poco::Net::uninitializeSSL();
}

Result<std::unique_ptr<ConsoleServer>> ConsoleServer::start(ConsoleContext& context,
                                                            const ServerOptions& options,
                                                            LogFn log) {
  Poco::Net::initializeSSL();
  auto fail = [](Error e) {
    Poco::Net::uninitializeSSL();
    return e;
  };
  auto tls = tlsContext(options);
  if (!tls) return fail(tls.error());
  auto impl = std::make_unique<Impl>(context, log);
  try {
    Poco::Net::SecureServerSocket socket(Poco::Net::SocketAddress(options.host, options.port), 1024,
                                         *tls);
    const auto port = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(options.max_threads);
    params->setMaxQueued(options.max_queued);
    params->setTimeout(Poco::Timespan(context.settings.request_timeout_ms / 1000, 0));
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(options.keep_alive_seconds, 0));
    params->setMaxKeepAliveRequests(1000);
    params->setSoftwareVersion("jamul-console");
    impl->pool = std::make_unique<Poco::ThreadPool>(4, options.max_threads, 60);
    impl->server = std::make_unique<Poco::Net::HTTPServer>(new HandlerFactory(impl->handlers),
                                                           *impl->pool, socket, params);
    impl->server->start();
    return std::unique_ptr<ConsoleServer>(new ConsoleServer(std::move(impl), port));
  } catch (const Poco::Net::InvalidAddressException& e) {
    return fail(Error(ErrorCode::kInvalidArgument, "listen address: " + e.displayText()));
  } catch (const Poco::Exception& e) {
    return fail(Error(ErrorCode::kUnavailable, "cannot listen on " + options.host + ":" +
                                                   std::to_string(options.port) + ": " +
                                                   e.displayText()));
  }
}

void ConsoleServer::stop() {
  if (!impl_ || impl_->stopped) return;
  impl_->stopped = true;
  impl_->server->stopAll(false);
  impl_->pool->joinAll();
}

}  // namespace jamul::console
