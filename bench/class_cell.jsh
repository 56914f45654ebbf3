class Trip {
    private final String region;
    private final double km;
    private final int minutes;

    Trip(String region, double km, int minutes) {
        this.region = region;
        this.km = km;
        this.minutes = minutes;
    }

    double speed() {
        return km / (minutes / 60.0);
    }

    String describe() {
        return region + ": " + String.format("%.1f", speed()) + " km/h";
    }
}
new Trip("north", 12.0, 30).describe()
