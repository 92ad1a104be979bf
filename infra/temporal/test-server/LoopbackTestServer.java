import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.net.InetSocketAddress;

/**
 * Temporal's time-skipping test server, bound to 127.0.0.1 only. Compiled and run by the launcher script that
 * infra/temporal/time-skipping-server.ts generates in the user's cache folder; the SDK runs it as `<script> <port>`.
 *
 * <p>It does what io.temporal.testserver.TestServer#main does through TestServer.createPortBoundServer, with one
 * difference: that method builds its gRPC server with Grpc.newServerBuilderForPort, which binds the wildcard
 * address, and neither it nor main takes an address. So the same services (TestServicesStarter) are registered the
 * same way (GRPCServerHelper, which adds the health service) on the same gRPC Netty transport, built with
 * NettyServerBuilder.forAddress on 127.0.0.1.
 *
 * <p>TestServer is the only documented entry point and has no address option. TestServicesStarter and
 * GRPCServerHelper are public classes of temporal-test-server, but in its io.temporal.internal package, so they carry
 * no compatibility promise: the version is pinned in time-skipping-server.ts and this file is compiled against exactly
 * those jars, so a change there fails at javac with a clear error rather than at run time. NettyServerBuilder is
 * grpc-java's public builder (here shaded, as the test server ships it).
 *
 * <p>It stops when it is signalled (the SDK's teardown kills it; the script execs java, so this is the process the
 * SDK started) and also when the process that started it exits, so a test run that dies without its teardown leaves
 * no server behind.
 */
public final class LoopbackTestServer {
  private static final String HOST = "127.0.0.1";
  /** Set by the launcher script to its $PPID: the process that started the script, and so this JVM (exec). */
  private static final String PARENT_PID_PROPERTY = "vardflode.testserver.parentPid";

  /**
   * Exits when the process that started this one exits. The parent's id comes from the script, read before this
   * JVM started: when the parent has died already, this process has been re-parented, and it exits at once.
   */
  private static void exitWithParent() {
    long expected = Long.getLong(PARENT_PID_PROPERTY, -1L);
    if (expected <= 0) expected = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    ProcessHandle parent = ProcessHandle.of(expected).orElse(null);
    long actual = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
    if (parent == null || actual != expected) {
      System.err.println("LoopbackTestServer: the process that started it (" + expected + ") is gone; exiting");
      System.exit(0);
    }
    parent.onExit().thenRun(() -> System.exit(0));
  }

  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals("--check")) {
      // Run once after compiling: loads the classes the server needs, so a wrong classpath or an old JVM is
      // reported by the tool that compiled this, and not as a server that never answers.
      System.out.println(
          "ok: " + TestServicesStarter.class.getName() + ", " + GRPCServerHelper.class.getName() + ", "
              + NettyServerBuilder.class.getName() + ", parent " + ProcessHandle.current().parent().isPresent());
      return;
    }
    // The same command line as TestServer: <port> [--enable-time-skipping]. Without the flag, time skipping starts
    // locked, and the SDK unlocks it while a test awaits a result.
    if (args.length < 1 || args.length > 2 || (args.length == 2 && !args[1].equalsIgnoreCase("--enable-time-skipping"))) {
      System.err.println("Usage: LoopbackTestServer <port> [--enable-time-skipping]");
      System.exit(2);
    }
    exitWithParent();
    try {
      int port = Integer.parseInt(args[0]);
      boolean lockTimeSkipping = args.length < 2;
      TestServicesStarter services = new TestServicesStarter(lockTimeSkipping, 0);
      NettyServerBuilder builder =
          NettyServerBuilder.forAddress(new InetSocketAddress(HOST, port), InsecureServerCredentials.create());
      GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
      Server server = builder.build().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.shutdownNow();
        services.close();
      }));
      server.awaitTermination();
    } catch (Throwable e) {
      // An explicit exit: a failed start (a taken port) must not leave the services' threads running.
      System.err.println("LoopbackTestServer could not start on " + HOST + ":" + args[0] + ": " + e);
      System.exit(1);
    }
  }
}
