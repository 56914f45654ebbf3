package io.kindling.magics.hive.jdbc;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.io.StringWriter;

/** Every Log4j event of one logger (and its children) at any level, as text, while open. */
final class CapturedLogs implements AutoCloseable {
    private final String loggerName;
    private final StringWriter text = new StringWriter();
    private final LoggerContext context;
    private final WriterAppender appender;

    CapturedLogs(String loggerName) {
        this.loggerName = loggerName;
        this.context = (LoggerContext) LogManager.getContext(false);
        this.appender = WriterAppender.newBuilder().setName("captured-" + loggerName).setTarget(text)
                .setLayout(PatternLayout.newBuilder().withPattern("%p %c %m%n%throwable").build()).build();
        appender.start();
        Configuration configuration = context.getConfiguration();
        LoggerConfig logger = LoggerConfig.newBuilder().withLoggerName(loggerName).withLevel(Level.ALL)
                .withAdditivity(false).withConfig(configuration).build();
        logger.addAppender(appender, Level.ALL, null);
        configuration.addLogger(loggerName, logger);
        context.updateLoggers();
    }

    String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    @Override
    public void close() {
        context.getConfiguration().removeLogger(loggerName);
        context.updateLoggers();
        appender.stop();
    }
}
