using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScoutPrime.Tokens.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TokenLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ReplacedById",
                table: "ApiTokens",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReplacedUntil",
                table: "ApiTokens",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ReplacedUntilFirstUse",
                table: "ApiTokens",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "ReplacesId",
                table: "ApiTokens",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RotationKey",
                table: "ApiTokens",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SuspendedAt",
                table: "ApiTokens",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SuspendedById",
                table: "ApiTokens",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_ReplacesId",
                table: "ApiTokens",
                column: "ReplacesId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ApiTokens_ReplacesId",
                table: "ApiTokens");

            migrationBuilder.DropColumn(
                name: "ReplacedById",
                table: "ApiTokens");

            migrationBuilder.DropColumn(
                name: "ReplacedUntil",
                table: "ApiTokens");

            migrationBuilder.DropColumn(
                name: "ReplacedUntilFirstUse",
                table: "ApiTokens");

            migrationBuilder.DropColumn(
                name: "ReplacesId",
                table: "ApiTokens");

            migrationBuilder.DropColumn(
                name: "RotationKey",
                table: "ApiTokens");

            migrationBuilder.DropColumn(
                name: "SuspendedAt",
                table: "ApiTokens");

            migrationBuilder.DropColumn(
                name: "SuspendedById",
                table: "ApiTokens");
        }
    }
}
