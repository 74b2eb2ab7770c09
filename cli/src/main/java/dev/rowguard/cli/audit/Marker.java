package dev.rowguard.cli.audit;

/** An anomaly on one entry, with what makes it one ("12,000 rows of customer"). */
record Marker(Anomaly anomaly, String detail) {

  @Override
  public String toString() {
    return "!" + anomaly.code() + " " + detail;
  }
}
