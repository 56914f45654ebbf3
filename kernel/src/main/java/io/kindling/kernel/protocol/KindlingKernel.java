package io.kindling.kernel.protocol;

import io.kindling.kernel.history.SessionHistory;
import io.kindling.kernel.io.CellOutput;
import io.kindling.kernel.io.FrontendInput;
import io.kindling.kernel.jshell.CellError;
import io.kindling.kernel.jshell.CellException;
import io.kindling.kernel.jshell.CellSource;
import io.kindling.kernel.magic.CellCancellation;
import io.kindling.kernel.notebook.Notebook;
import io.kindling.kernel.session.KernelSession;
import io.kindling.magics.table.TableLineage;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.dflib.jjava.jupyter.messages.reply.CompleteReply;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.reply.InspectReply;
import org.dflib.jjava.jupyter.messages.request.CompleteRequest;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.InspectRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The Jupyter face of Kindling: answers the protocol's requests with JShell, the magics and the
 * renderers. JShell starts in the background so {@code kernel_info} answers at once; requests that need
 * it wait for it.
 */
public final class KindlingKernel extends BaseKernel {
    private static final Logger LOG = LoggerFactory.getLogger(KindlingKernel.class);

    private final CompletableFuture<Running> session;
    /** Set once a request waits for the session to start. */
    private final AtomicBoolean awaited;
    private final CellOutput output;
    private final SessionHistory history;
    private final KernelDisplay display;
    private final AtomicReference<CellChannel> currentCell = new AtomicReference<>();
    private final AtomicReference<CellCancellation> currentCancellation = new AtomicReference<>();
    private final StopOnError stopOnError = new StopOnError();
    /** Created with the connection, on the thread that connects it (a kernel thread). */
    private volatile IopubSender iopub;
    /** Only a connection that tells when its shell queue drained can end an abort window, so only it opens one. */
    private volatile boolean drainIsKnown;

    /**
     * Creates the kernel and starts its session in the background, so {@code kernel_info} answers at once.
     *
     * @param sessionStarter builds the language side (JShell, magics, engines): the composition root; it is given
     *                       whether a request already waits for the session, so it can skip work that only a
     *                       user who has not asked for anything yet would not notice (warming up)
     */
    public static KindlingKernel start(CellOutput output, SessionHistory history,
                                       Function<BooleanSupplier, KernelSession> sessionStarter) {
        CompletableFuture<Running> session = new CompletableFuture<>();
        AtomicBoolean awaited = new AtomicBoolean();
        Thread starter = new Thread(() -> {
            try {
                KernelSession started = sessionStarter.apply(awaited::get);
                session.complete(new Running(started,
                        new CodeAssistReplies(started.codeAssist(), started.magics())));
            } catch (Throwable e) {
                LOG.error("JShell failed to start", e);
                session.completeExceptionally(e);
            }
        }, "kindling-jshell-start");
        starter.setDaemon(true);
        starter.start();
        String version = Optional.ofNullable(KindlingKernel.class.getPackage().getImplementationVersion()).orElse("dev");
        return new KindlingKernel(version, session, awaited, output, history);
    }

    /** The started session and the protocol's view of its code assistance. */
    private record Running(KernelSession session, CodeAssistReplies assist) {
    }

    private KindlingKernel(String version, CompletableFuture<Running> session, AtomicBoolean awaited, CellOutput output,
                           SessionHistory history) {
        super("kindling", version,
                new LanguageInfo.Builder("java")
                        .version(Runtime.version().toString())
                        .mimetype("text/x-java")
                        .fileExtension(".jshell")
                        .pygments("java")
                        .codemirror("text/x-java")
                        .build(),
                List.of(), history, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(),
                null, null, false, new StringStyler.Builder().build());
        this.session = requireNonNull(session, "session is null");
        this.awaited = requireNonNull(awaited, "awaited is null");
        this.output = requireNonNull(output, "output is null");
        this.history = history;
        this.display = new KernelDisplay(getRenderer(), currentCell::get, this::lineageOf, output::flush);
        Notebook.install(display);
    }

    /** The session, once started, for a request that needs it. */
    private Running running() {
        if (!session.isDone()) {
            awaited.set(true);
        }
        return session.join();
    }

    /** Where a table shown in a cell came from, once the session has started. */
    private Optional<TableLineage> lineageOf(Object table) {
        return session.isDone() && !session.isCompletedExceptionally()
                ? session.join().session().tables().lineageOf(table) : Optional.empty();
    }

    /** The cell currently running, as stdin's source; null outside cells or when input is not allowed. */
    public FrontendInput.LineSource stdinSource() {
        CellChannel cell = currentCell.get();
        return cell == null || !cell.stdinAllowed() ? null : cell::readLine;
    }

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        iopub = new IopubSender(connection.getIOPub());
        if (connection instanceof KernelConnection ours) {
            ours.onShellDrained(stopOnError::queueDrained);
            drainIsKnown = true;
        }
        connection.setHandler(MessageType.EXECUTE_REQUEST, this::handleExecute);
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, this::handleKernelInfo);
        connection.setHandler(MessageType.HISTORY_REQUEST, this::handleHistory);
        connection.setHandler(MessageType.COMPLETE_REQUEST, this::handleComplete);
        connection.setHandler(MessageType.INSPECT_REQUEST, this::handleInspect);
    }

    private void handleExecute(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        ExecuteRequest request = message.getContent();
        if (stopOnError.abortsNext()) {
            replyAborted(env);
            return;
        }
        int count = request.isSilent() ? executionCount.get() : executionCount.getAndIncrement();
        CellChannel cell = new CellChannel(env, iopub, request.isStdinEnabled());
        cell.publish(PublishStatus.BUSY);
        cell.publish(new PublishExecuteInput(request.getCode(), count));
        CellCancellation cancellation = new CellCancellation();
        currentCancellation.set(cancellation);
        currentCell.set(cell);
        output.startCell(cell::stream);
        String resultText = null;
        try {
            KernelSession running = running().session();
            KernelMagicContext context = new KernelMagicContext(running.evaluator(), display, cancellation, count);
            Optional<Object> value;
            try (var engines = running.engines().cellStarted(context)) {
                value = running.runner().run(new CellSource(request.getCode(), count), context);
            }
            output.finishCell();
            if (value.isPresent() && !request.isSilent()) {
                DisplayData data = display.render(value.get());
                resultText = String.valueOf(data.getData(MIMEType.TEXT_PLAIN));
                cell.publish(new PublishExecuteResult(count, data));
            }
            env.reply(new ExecuteReply(count, Map.of()));
        } catch (RuntimeException | Error e) {
            output.finishCell();
            CellError error = e instanceof CellError cellError ? cellError : unexpected(e);
            List<String> traceback = ErrorText.traceback(error.errorName(), error.traceback());
            cell.publish(new PublishError(error.errorName(), error.errorValue(), traceback));
            ErrorReply reply = new ErrorReply(error.errorName(), error.errorValue(), traceback);
            reply.setExecutionCount(count);
            env.replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
            if (drainIsKnown) {
                stopOnError.cellFailed(request.shouldStopOnError(), request.isSilent());
            }
        } finally {
            currentCell.set(null);
            currentCancellation.set(null);
            if (request.shouldStoreHistory() && !request.isSilent()) {
                history.record(count, request.getCode(), resultText);
            }
            cell.publish(PublishStatus.IDLE);
        }
    }

    /** IPython's answer to a request queued behind a failed cell: busy, {@code aborted}, idle; nothing runs. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void replyAborted(ShellReplyEnvironment env) {
        env.setStatusBusy();
        env.reply(new Message(env.getContext(), MessageType.EXECUTE_REPLY, Map.of("status", "aborted")));
        env.setStatusIdle();
    }

    private static CellError unexpected(Throwable e) {
        LOG.error("Unexpected failure while running a cell", e);
        Throwable cause = e.getCause() != null && e instanceof CompletionException ? e.getCause() : e;
        return CellException.unexpected(cause);
    }

    private void handleKernelInfo(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new KernelInfoOk(Header.PROTOCOL_VERISON, name, version, getLanguageInfo(), getBanner(), getHelpLinks()));
    }

    private void handleHistory(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        env.setBusyDeferIdle();
        HistoryRequest request = message.getContent();
        var flags = EnumSet.noneOf(ResultFlag.class);
        if (request.includeOutput()) {
            flags.add(ResultFlag.INCLUDE_OUTPUT);
        }
        var entries = switch (request.getAccessType()) {
            case TAIL -> history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
            case RANGE -> {
                HistoryRequest.Range range = (HistoryRequest.Range) request;
                yield history.lookupRange(range.getSessionIndex(), range.getStart(), range.getStop(), flags);
            }
            case SEARCH -> {
                HistoryRequest.Search search = (HistoryRequest.Search) request;
                if (search.filterUnique()) {
                    flags.add(ResultFlag.UNIQUE);
                }
                yield history.search(search.getPattern(), search.getMaxReturnLength(), flags);
            }
        };
        env.reply(HistoryOk.reply(env.getContext(), entries, request.includeOutput()));
    }

    private void handleComplete(ShellReplyEnvironment env, Message<CompleteRequest> message) {
        env.setBusyDeferIdle();
        CompleteRequest request = message.getContent();
        String code = request.getCode();
        int cursor = CodePoints.toCharIndex(code, request.getCursorPos());
        try {
            ReplacementOptions options = complete(code, cursor);
            env.reply(new CompleteReply(options.getReplacements(),
                    CodePoints.toCodePoints(code, options.getSourceStart()),
                    CodePoints.toCodePoints(code, options.getSourceEnd()), Map.of()));
        } catch (RuntimeException e) {
            LOG.warn("Completion failed", e);
            env.reply(new CompleteReply(List.of(), request.getCursorPos(), request.getCursorPos(), Map.of()));
        }
    }

    private void handleInspect(ShellReplyEnvironment env, Message<InspectRequest> message) {
        env.setBusyDeferIdle();
        InspectRequest request = message.getContent();
        String code = request.getCode();
        try {
            DisplayData found = inspect(code, CodePoints.toCharIndex(code, request.getCursorPos()), request.getDetailLevel() > 0);
            env.reply(new InspectReply(found != null, DisplayData.emptyIfNull(found)));
        } catch (RuntimeException e) {
            LOG.warn("Inspection failed", e);
            env.reply(new InspectReply(false, DisplayData.EMPTY));
        }
    }

    @Override
    public Object evalRaw(String source) {
        return running().session().evaluator().evaluate(new CellSource(source, executionCount.get())).orElse(null);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return running().assist().inspect(code, at).orElse(null);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        return running().assist().complete(code, at);
    }

    @Override
    public String isComplete(String code) {
        return running().assist().isComplete(code);
    }

    /** The frontend's interrupt: cancels the running magic's work and stops the cell's threads. */
    @Override
    public void interrupt() {
        CellCancellation cancellation = currentCancellation.get();
        if (cancellation != null) {
            cancellation.cancel();
        }
        if (session.isDone() && !session.isCompletedExceptionally()) {
            session.join().session().evaluator().stop();
        }
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        interrupt();
        output.close();
        if (iopub != null) {
            iopub.close();
        }
        if (session.isDone() && !session.isCompletedExceptionally()) {
            session.join().session().engines().shutdown();
            session.join().session().evaluator().close();
        }
        super.onShutdown(isRestarting);
    }
}
