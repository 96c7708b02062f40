package dev.kvstore.it.session;

import dev.kvstore.it.Postgresql;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips every test of the PostgreSQL run, saying why, when no PostgreSQL answers. */
public class RequirePostgresql implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return Postgresql.isSelected() && System.getProperty(Postgresql.RUN_PROPERTY) == null
        ? ConditionEvaluationResult.disabled(Postgresql.UNREACHABLE)
        : ConditionEvaluationResult.enabled("the run's database is there");
  }
}
