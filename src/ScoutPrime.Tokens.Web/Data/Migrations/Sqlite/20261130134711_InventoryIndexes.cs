using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScoutPrime.Tokens.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InventoryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_CreatedAt",
                table: "ApiTokens",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_ExpiresAt",
                table: "ApiTokens",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_LastUsedAt",
                table: "ApiTokens",
                column: "LastUsedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ApiTokens_CreatedAt",
                table: "ApiTokens");

            migrationBuilder.DropIndex(
                name: "IX_ApiTokens_ExpiresAt",
                table: "ApiTokens");

            migrationBuilder.DropIndex(
                name: "IX_ApiTokens_LastUsedAt",
                table: "ApiTokens");
        }
    }
}
